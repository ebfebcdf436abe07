// The kernels of a cell run on a time axis: one lane per kernel (virtualised, so a loop's
// thousands of dispatches scroll), its bar from its start for its GPU time, the details on hover
// (name, variant, shapes, GPU µs, GFLOP/s or GB/s), and the totals: GPU time against wall time.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { KernelEvent } from '../../../worker/protocol.ts';
import { formatMs, formatRate, formatShapes, formatUs } from '../../core/format.ts';
import { layoutTimeline, timelineTicks, type TimelineBar } from '../../core/outputs/timeline.ts';

const LANE_HEIGHT = 20;
const VISIBLE_LANES = 14;

/** Kernel families with their own bar colour (styles.css --kernel-*); others get the default. */
const FAMILY_COLOURS = new Set(['matmul', 'syrk', 'elementwise', 'reduction', 'image_normalize', 'random', 'copy', 'transpose', 'index']);

export interface KernelTimelineProps {
  kernels: readonly KernelEvent[];
  /** The cell's wall time, from its `done` event. */
  wallMs: number | null;
}

export function KernelTimeline({ kernels, wallMs }: KernelTimelineProps) {
  const layout = useMemo(() => layoutTimeline(kernels), [kernels]);
  const ticks = useMemo(() => timelineTicks(layout.spanUs), [layout.spanUs]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lanes = useVirtualizer({
    count: layout.bars.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LANE_HEIGHT,
    overscan: 8,
  });
  const span = layout.spanUs > 0 ? layout.spanUs : 1;
  const percent = (us: number) => `${(100 * us) / span}%`;

  return (
    <div className="kernel-timeline" data-testid="kernel-timeline" data-placement={layout.placement}>
      <div className="timeline-axis" aria-hidden="true">
        <div className="timeline-label-col" />
        <div className="timeline-track">
          {ticks.map((t) => (
            <span key={t} className="timeline-tick" style={{ left: percent(t) }}>
              {formatUs(t)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="timeline-lanes"
        tabIndex={0}
        role="list"
        aria-label={`${kernels.length} kernels on a time axis`}
        style={{ height: Math.min(layout.bars.length, VISIBLE_LANES) * LANE_HEIGHT }}
      >
        <div style={{ height: lanes.getTotalSize(), position: 'relative' }}>
          {lanes.getVirtualItems().map((item) => {
            const bar = layout.bars[item.index];
            return (
              <div key={item.key} className="timeline-lane" role="listitem" style={{ top: item.start, height: item.size }}>
                <div className="timeline-label-col kernel-name" title={`${bar.kernel.name}/${bar.kernel.variant}`}>
                  {bar.kernel.name}
                  <span className="timeline-variant">/{bar.kernel.variant}</span>
                </div>
                <div className="timeline-track">
                  <div
                    className={`timeline-bar kernel-${FAMILY_COLOURS.has(bar.kernel.name) ? bar.kernel.name : 'other'}`}
                    data-testid="timeline-bar"
                    data-kernel={bar.kernel.name}
                    title={barTitle(bar)}
                    style={{ left: percent(bar.startUs), width: percent(bar.durationUs) }}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div className="timeline-totals" data-testid="timeline-totals">
        GPU {formatUs(layout.gpuUs)} in {kernels.length} kernel{kernels.length === 1 ? '' : 's'}
        {layout.placement === 'measured' && <> · first start to last end {formatUs(layout.spanUs)}</>}
        {wallMs !== null && <> · wall {formatMs(wallMs)}</>}
        {layout.placement === 'sequential' && <span className="timeline-note"> · laid end to end (no start times from this adapter)</span>}
      </div>
    </div>
  );
}

function barTitle(bar: TimelineBar): string {
  const { kernel } = bar;
  const rate = formatRate(kernel);
  return [
    `${kernel.name} / ${kernel.variant}`,
    `shapes ${formatShapes(kernel.shapes)}`,
    `GPU ${formatUs(kernel.gpuUs)}${kernel.timing === 'wall' ? ' (wall time around the submit)' : ''}${rate ? ` · ${rate}` : ''}`,
    `starts at +${formatUs(bar.startUs)}`,
  ].join('\n');
}
