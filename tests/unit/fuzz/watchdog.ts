// A watchdog thread for fuzz cases: it sets the session's shared interrupt flag when a case runs
// past its time budget, exactly as the page's Interrupt button does. The interpreter is
// synchronous, so a timer on the test's own thread could never fire in the middle of a runaway
// loop; a second thread with Atomics.wait can.

import { Worker } from 'node:worker_threads';

// ctrl[0]: the interrupt flag the session polls; ctrl[1]: generation (bumped on arm/disarm);
// ctrl[2]: budget in ms; ctrl[3]: 1 while armed.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData);
for (;;) {
  const g = Atomics.load(ctrl, 1);
  if (Atomics.load(ctrl, 3) === 0) { Atomics.wait(ctrl, 1, g); continue; }
  const r = Atomics.wait(ctrl, 1, g, Atomics.load(ctrl, 2));
  if (r === 'timed-out' && Atomics.compareExchange(ctrl, 1, g, g + 1) === g) Atomics.store(ctrl, 0, 1);
}
`;

export class Watchdog {
  /** Give this to `session.interruptFlag`. */
  readonly flag: Int32Array;
  private readonly worker: Worker;

  constructor() {
    const sab = new SharedArrayBuffer(16);
    this.flag = new Int32Array(sab);
    this.worker = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: sab });
    this.worker.unref();
  }

  /** Interrupts the session after `ms` unless disarmed first. */
  arm(ms: number): void {
    Atomics.store(this.flag, 0, 0);
    Atomics.store(this.flag, 2, ms);
    Atomics.store(this.flag, 3, 1);
    Atomics.add(this.flag, 1, 1);
    Atomics.notify(this.flag, 1);
  }

  disarm(): void {
    Atomics.store(this.flag, 3, 0);
    Atomics.add(this.flag, 1, 1);
    Atomics.notify(this.flag, 1);
    Atomics.store(this.flag, 0, 0);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
