import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_SIZE, layoutPositions } from './auto-layout';
import type { DesignerNode } from './designer-types';

const node = (id: string): DesignerNode => ({ id, type: 'add_tag', position: { x: 0, y: 0 }, settings: {} });
const edge = (from: string, to: string, handle?: string) => ({ id: `${from}->${to}`, from, to, handle });

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < DEFAULT_NODE_SIZE.width && Math.abs(a.y - b.y) < DEFAULT_NODE_SIZE.height;

describe('auto-layout', () => {
  it('puts each step to the right of what leads to it, and branch targets one above the other', () => {
    const graph = {
      nodes: ['start', 'branch', 'yes', 'no', 'end'].map(node),
      edges: [edge('start', 'branch'), edge('branch', 'yes', 'yes'), edge('branch', 'no', 'no'), edge('yes', 'end')],
    };
    const p = layoutPositions(graph);
    expect(p.start!.x).toBeLessThan(p.branch!.x);
    expect(p.branch!.x).toBeLessThan(p.yes!.x);
    expect(p.yes!.x).toBe(p.no!.x);
    expect(p.yes!.y).not.toBe(p.no!.y);
    expect(p.yes!.x).toBeLessThan(p.end!.x);
    const all = Object.values(p);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
  });

  it('places unconnected nodes too, ignores edges to missing nodes, and returns whole numbers', () => {
    const p = layoutPositions({ nodes: [node('a'), node('b')], edges: [edge('a', 'ghost')] });
    expect(Object.keys(p).sort()).toEqual(['a', 'b']);
    for (const { x, y } of Object.values(p)) expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
    expect(overlaps(p.a!, p.b!)).toBe(false);
  });

  it('uses measured sizes so a tall node does not overlap its neighbour', () => {
    const graph = { nodes: [node('s'), node('a'), node('b')], edges: [edge('s', 'a'), edge('s', 'b')] };
    const p = layoutPositions(graph, { a: { width: 190, height: 300 } });
    const [top, bottom] = [p.a!, p.b!].sort((x, y) => x.y - y.y);
    const topHeight = top === p.a ? 300 : DEFAULT_NODE_SIZE.height;
    expect(bottom!.y - top!.y).toBeGreaterThanOrEqual(topHeight);
  });
});
