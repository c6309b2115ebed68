// Strongly connected components of a small directed graph (Tarjan's algorithm): the groups of
// nodes that can all reach each other. A workflow's tasks and the workflows that run each other
// as sub-workflows are such graphs; a component of more than one node, or one node with an edge
// to itself, is a cycle. Graphs here are at most a few hundred nodes, so recursion is fine.

/**
 * The components of the graph over `nodes` whose edges are given by `successors`, each as a
 * list of node names; every node is in exactly one component.
 */
export function stronglyConnected(nodes: readonly string[], successors: (node: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    const own = index.size;
    index.set(node, own);
    low.set(node, own);
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? own, low.get(next) ?? own));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? own, index.get(next) ?? own));
      }
    }
    if (low.get(node) !== own) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    components.push(component);
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}
