// The JSON contract of `matbook run --json` and `window.matbook.run` (DESIGN.md, "Command line
// contract"): run a source in a fresh session and report error, stdout and every variable.

import { Session } from './session.ts';
import { charRows, classOf, type Value } from './runtime/values/index.ts';
import type { GpuPolicy, KernelEvent, PlanDecision, RunResultJson, VariableJson } from '../worker/protocol.ts';

function numberJson(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return x;
}

export function variableJson(v: Value): VariableJson {
  const cls = classOf(v);
  const size = [...v.shape];
  switch (v.type) {
    case 'tensor': {
      if (v.cls === 'char') return { class: cls, size, data: charRows(v).join('\n') };
      if (v.cls === 'logical') return { class: cls, size, data: Array.from(v.re, (x) => x !== 0) };
      if (v.im) return { class: cls, size, data: { re: Array.from(v.re, numberJson), im: Array.from(v.im, numberJson) } };
      return { class: cls, size, data: Array.from(v.re, numberJson) };
    }
    case 'string':
      return { class: cls, size, data: [...v.items] };
    case 'struct':
      // Objects (MException) report only class and size, like other non-array classes.
      return v.className === 'struct' ? { class: cls, size, fields: [...v.fields].sort() } : { class: cls, size };
    default:
      return { class: cls, size };
  }
}

/** Runs `source` in a fresh session and returns the contract's JSON. */
export async function runToJson(source: string, options: { gpu?: GpuPolicy } = {}): Promise<RunResultJson> {
  const session = new Session({ gpu: options.gpu ?? 'auto' });
  return runInSession(session, source);
}

export async function runInSession(session: Session, source: string): Promise<RunResultJson> {
  let stdout = '';
  let error: RunResultJson['error'] = null;
  const kernels: NonNullable<RunResultJson['kernels']> = [];
  const plan: PlanDecision[] = [];
  await session.run(source, (event) => {
    if (event.type === 'stdout' || event.type === 'display') stdout += event.text;
    else if (event.type === 'error') error = { message: event.error.message, identifier: event.error.identifier, line: event.error.line };
    else if (event.type === 'kernel') kernels.push(kernelJson(event));
    else if (event.type === 'plan') plan.push(...event.decisions);
  });
  const vars: Record<string, VariableJson> = {};
  for (const name of session.variableNames().sort()) vars[name] = variableJson((await session.hostVariable(name))!);
  const result: RunResultJson = { error, stdout, vars };
  if (kernels.length > 0) {
    result.kernels = kernels;
    result.plan = plan;
  }
  return result;
}

function kernelJson(e: KernelEvent): NonNullable<RunResultJson['kernels']>[number] {
  const out: NonNullable<RunResultJson['kernels']>[number] = { name: e.name, variant: e.variant, shapes: e.shapes, gpu_us: e.gpuUs };
  if (e.gflops !== undefined) out.gflops = e.gflops;
  if (e.gbps !== undefined) out.gbps = e.gbps;
  return out;
}
