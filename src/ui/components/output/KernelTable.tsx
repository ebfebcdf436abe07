// The kernels of a cell run as a table: name, variant, shapes, GPU time, achieved rate.

import type { KernelEvent } from '../../../worker/protocol.ts';
import { formatRate, formatShapes, formatUs } from '../../core/format.ts';

export function KernelTable({ kernels }: { kernels: readonly KernelEvent[] }) {
  return (
    <table className="kernel-table" data-testid="kernel-table">
      <thead>
        <tr>
          <th>kernel</th>
          <th>variant</th>
          <th>shapes</th>
          <th className="num">GPU</th>
          <th className="num">rate</th>
        </tr>
      </thead>
      <tbody>
        {kernels.map((kernel, index) => (
          <tr key={index} data-kernel={kernel.name}>
            <td className="kernel-name">{kernel.name}</td>
            <td>{kernel.variant}</td>
            <td>{formatShapes(kernel.shapes)}</td>
            <td className="num" title={kernel.timing === 'timestamp' ? 'timestamp query' : 'wall time around the submit'}>
              {formatUs(kernel.gpuUs)}
              {kernel.timing === 'wall' ? '*' : ''}
            </td>
            <td className="num">{formatRate(kernel)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
