import type { PeerGroupData } from '../../api/indicators-analysis.ts';

/**
 * Which peer group (对标范围: the province's cities, or a city's districts) and which region the dashboard shows when
 * the URL does not say. Pure, so it is tested without a browser.
 */

/**
 * The region shown first: in a chosen group, the user's own region or its city when a member, else the group's first
 * member; without a group, the user's own region when it is ranked somewhere, else its city, else the first member
 * of the default group.
 */
export function defaultRegion(groups: PeerGroupData[], own: string, group?: PeerGroupData): string {
  const city = `${own.slice(0, 4)}00`;
  if (group) {
    const codes = new Set(group.members.map((m) => m.regionCode));
    if (codes.has(own)) return own;
    if (codes.has(city)) return city;
    return group.members[0]?.regionCode ?? own;
  }
  const members = new Set(groups.flatMap((g) => g.members.map((m) => m.regionCode)));
  if (members.has(own)) return own;
  if (members.has(city)) return city;
  const first = groups.find((g) => g.isDefault) ?? groups[0];
  return first?.members[0]?.regionCode ?? own;
}

/** The group a region is ranked in: the one chosen, else the first that has it (the default group first). */
export const groupOf = (groups: PeerGroupData[], regionCode: string | undefined, chosen?: string) =>
  groups.find((g) => g.id === chosen) ??
  groups.find((g) => g.members.some((m) => m.regionCode === regionCode)) ??
  groups.find((g) => g.isDefault) ??
  groups[0];
