// What other modules may import from supervision (督查督办). Each part adds its exports here.
export {};
