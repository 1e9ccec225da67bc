// Cleanup hooks of the view on screen (timers, graph instances), run before the next view renders.
let teardown: (() => void)[] = [];

export function onLeave(fn: () => void): void {
  teardown.push(fn);
}

export function leaveView(): void {
  const fns = teardown;
  teardown = [];
  fns.forEach((fn) => fn());
}
