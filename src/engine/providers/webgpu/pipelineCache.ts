// Compiled compute pipelines, keyed by WGSL hash + binding layout + workgroup size. A second
// request for a pipeline that is still compiling shares the same promise (createComputePipelineAsync),
// so N dispatches of a new kernel cost one compile. A WGSL compile error becomes an Error naming
// the kernel and variant, with the compiler's messages at line:column and the numbered source.

import type { KernelBinding, KernelProgram } from '../../kernels/program.ts';
import { sourceIdOf } from './kernelSources.ts';

export interface CompiledPipeline {
  pipeline: GPUComputePipeline;
  bindGroupLayout: GPUBindGroupLayout;
}

export interface PipelineCacheStats {
  /** Requests answered by a compiled or in-flight pipeline. */
  hits: number;
  /** Requests that started a compile. */
  compiles: number;
  /** Of the hits, those that joined a compile still in flight. */
  sharedInFlight: number;
}

export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<CompiledPipeline>>();
  private readonly settled = new Set<string>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly stats: PipelineCacheStats = { hits: 0, compiles: 0, sharedInFlight: 0 };

  constructor(
    private readonly device: GPUDevice,
    /** Called with each newly compiled program (debug printing of WGSL). */
    private readonly onCompile?: (program: KernelProgram) => void,
  ) {}

  /** The pipeline for `program`, compiling it if no equal pipeline exists or is compiling. */
  get(program: KernelProgram): Promise<CompiledPipeline> {
    const key = pipelineKey(program);
    const existing = this.pipelines.get(key);
    if (existing) {
      this.stats.hits++;
      if (!this.settled.has(key)) this.stats.sharedInFlight++;
      return existing;
    }
    this.stats.compiles++;
    this.onCompile?.(program);
    const compiling = this.compile(program);
    this.pipelines.set(key, compiling);
    compiling.then(
      () => this.settled.add(key),
      // A failed compile is not cached: the error is reported to every waiter, then forgotten.
      () => this.pipelines.delete(key),
    );
    return compiling;
  }

  snapshot(): PipelineCacheStats {
    return { ...this.stats };
  }

  get size(): number {
    return this.pipelines.size;
  }

  private async compile(program: KernelProgram): Promise<CompiledPipeline> {
    const label = `${program.name}/${program.variant}`;
    const bindGroupLayout = this.layoutFor(program.bindings);
    // Capture validation errors here so a bad shader reports through our Error, not as an
    // uncaptured device error. The scope is popped synchronously: scopes are a stack, and
    // compiles run concurrently.
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: program.wgsl, label });
    const creating = this.device.createComputePipelineAsync({
      label,
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout], label }),
      compute: { module, entryPoint: 'main' },
    });
    const scopeError = this.device.popErrorScope();
    const [info, outcome, validation] = await Promise.all([
      module.getCompilationInfo(),
      creating.then(
        (pipeline) => ({ pipeline, failure: null }),
        (failure: unknown) => ({ pipeline: null, failure }),
      ),
      scopeError,
    ]);
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length > 0) throw new Error(formatCompileError(program, errors));
    if (outcome.pipeline === null || validation !== null) {
      const why = [outcome.failure, validation?.message].filter((x) => x != null).map(String).join('; ');
      throw new Error(`pipeline creation failed for kernel ${program.name} (variant ${program.variant}): ${why}`);
    }
    return { pipeline: outcome.pipeline, bindGroupLayout };
  }

  private layoutFor(bindings: readonly KernelBinding[]): GPUBindGroupLayout {
    const signature = bindings.map((b) => `${b.binding}:${b.kind}`).join(',');
    let layout = this.layouts.get(signature);
    if (!layout) {
      layout = this.device.createBindGroupLayout({
        label: signature,
        entries: bindings.map((b) => ({
          binding: b.binding,
          visibility: GPUShaderStage.COMPUTE,
          buffer: { type: b.kind === 'uniform' ? 'uniform' : b.kind === 'read' ? 'read-only-storage' : 'storage' },
        })),
      });
      this.layouts.set(signature, layout);
    }
    return layout;
  }
}

/** WGSL hash + layout + workgroup size: two programs equal in all three share a pipeline. */
export function pipelineKey(program: KernelProgram): string {
  const layout = program.bindings.map((b) => `${b.binding}${b.kind[0]}${b.kind === 'read_write' ? 'w' : ''}`).join('');
  return `${sourceIdOf(program)}|${layout}|${program.workgroupSize.join('x')}`;
}

function formatCompileError(program: KernelProgram, errors: readonly GPUCompilationMessage[]): string {
  const messages = errors.map((m) => `  ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
  const numbered = program.wgsl
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(4)} | ${line}`)
    .join('\n');
  return `WGSL compile error in kernel ${program.name} (variant ${program.variant}):\n${messages}\n--- source ---\n${numbered}`;
}
