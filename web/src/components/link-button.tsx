import { Button } from 'antd';
import type { ReactNode } from 'react';

/** A link-looking button (opens a drawer, not a page): keyboard-reachable, unlike an <a> without href. */
export function LinkButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button
      type="link"
      size="small"
      onClick={onClick}
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
    >
      {children}
    </Button>
  );
}
