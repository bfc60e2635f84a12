/**
 * Objects kept for as long as the app is loaded: one of each kind that a recompute otherwise makes
 * and drops entirely (a layout, its placement, a record context, …).
 *
 * V8 compiles a hot function against the hidden classes ("maps") of the objects it has seen, and
 * holds those classes weakly from the compiled code. When the last object of a class dies — a
 * recompute's layout, once its records are stored and dropped — the next full garbage collection
 * frees the class and throws away every function compiled against it (`node --trace-deopt`:
 * "marking dependent code … for deoptimization, reason: weak objects"). The next recompute then
 * runs those functions unoptimised and compiles them again, in the middle of its work. One live
 * object of each class keeps the class, and so the compiled code, from one recompute to the next
 * (docs/benchmarks.md, "Compiled code that lasts").
 */
const kept: object[] = [];

/** Keeps `o` alive, and with it its hidden class; returns it. */
export function keepShapeOf<T extends object>(o: T): T {
  kept.push(o);
  return o;
}
