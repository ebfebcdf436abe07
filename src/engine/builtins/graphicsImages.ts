// Graphics, images and colormaps: imagesc, image, imshow, colormap (and the maps gray, jet, hot,
// parula, viridis) and colorbar. Like graphics.ts they draw into the session's figure model
// (CallContext.figures); GPU arrays arrive here already read back.

import { raise } from '../errors.ts';
import { colormapColors, COLORMAP_NAMES, DEFAULT_COLORMAP_LENGTH, isColormapName, namedColormap } from '../runtime/figures/colormaps.ts';
import type { AxesModel, Colormap, ImageSeries } from '../runtime/figures/model.ts';
import { Tensor, type Value } from '../runtime/values/index.ts';
import { textArg } from './args.ts';
import { handles, nameValuePairs, textOf, unknownProperty } from './graphicsArgs.ts';
import { scalarArg, tensorArg } from './numeric.ts';
import { registerFamily } from './registry.ts';
import type { BuiltinSpec, CallContext } from './types.ts';

interface ImageData {
  rows: number;
  cols: number;
  channels: 1 | 3;
  data: Float64Array;
}

function imageData(v: Value | undefined, fname: string): ImageData {
  const t = tensorArg(v, fname);
  if (t.im) raise(`MATLAB:${fname}:complexData`, 'Complex values are not supported for image data.');
  const [rows, cols, ch = 1] = t.shape;
  if (t.shape.length > 3 || (ch !== 1 && ch !== 3)) raise(`MATLAB:${fname}:invalidImage`, 'Image data must be an m-by-n or m-by-n-by-3 array.');
  return { rows, cols, channels: ch as 1 | 3, data: t.re };
}

/** The value of full intensity for a truecolor image of this class. */
function classMax(cls: string): number {
  switch (cls) {
    case 'uint8':
      return 255;
    case 'uint16':
      return 65535;
    case 'int8':
      return 127;
    case 'int16':
      return 32767;
    default:
      return 1;
  }
}

function classRange(cls: string): readonly [number, number] {
  switch (cls) {
    case 'uint8':
      return [0, 255];
    case 'uint16':
      return [0, 65535];
    case 'int8':
      return [-128, 127];
    case 'int16':
      return [-32768, 32767];
    default:
      return [0, 1];
  }
}

/** Optional leading x and y vectors (image(x, y, C)); their first and last values are the pixel centres. */
function imageCoords(args: Value[], fname: string): { xData: [number, number] | null; yData: [number, number] | null; rest: Value[] } {
  if (args.length >= 3 && textOf(args[0]) === null && textOf(args[1]) === null && textOf(args[2]) === null) {
    const x = tensorArg(args[0], fname).re;
    const y = tensorArg(args[1], fname, 2).re;
    if (x.length === 0 || y.length === 0) raise(`MATLAB:${fname}:invalidCoords`, 'x and y must not be empty.');
    return { xData: [x[0], x[x.length - 1]], yData: [y[0], y[y.length - 1]], rest: args.slice(2) };
  }
  return { xData: null, yData: null, rest: args };
}

function placeImage(ctx: CallContext, img: ImageSeries, after: (ax: AxesModel, fresh: boolean) => void): void {
  const fresh = !ctx.figures.gca().hold;
  const ax = ctx.figures.plotTarget();
  if (fresh) {
    ax.yDir = 'reverse';
    ax.tight = true;
  }
  ctx.figures.addSeries(ax, img);
  after(ax, fresh);
}

function imagesc(args: Value[], ctx: CallContext): Value | undefined {
  const { xData, yData, rest } = imageCoords(args, 'imagesc');
  const t = tensorArg(rest[0], 'imagesc');
  const img = imageData(rest[0], 'imagesc');
  let clim: readonly [number, number] | null = null;
  let i = 1;
  if (rest[i] !== undefined && textOf(rest[i]) === null) clim = limitsArg(rest[i++], 'imagesc');
  for (const [key] of nameValuePairs(rest, i, 'imagesc')) if (key !== 'cdatamapping') unknownProperty(key, 'Image');
  const series: ImageSeries = {
    kind: 'image',
    ...img,
    mapping: img.channels === 3 ? 'truecolor' : 'scaled',
    clim: null,
    maxValue: classMax(t.cls),
    xData: xData ?? [1, img.cols],
    yData: yData ?? [1, img.rows],
    name: null,
  };
  placeImage(ctx, series, (ax) => {
    if (clim) ax.clim = clim;
  });
  return ctx.nargout > 0 ? handles(1) : undefined;
}

function image(args: Value[], ctx: CallContext): Value | undefined {
  const { xData, yData, rest } = imageCoords(args, 'image');
  const t = tensorArg(rest[0], 'image');
  const img = imageData(rest[0], 'image');
  let mapping: ImageSeries['mapping'] = img.channels === 3 ? 'truecolor' : 'direct';
  for (const [key, v] of nameValuePairs(rest, 1, 'image')) {
    if (key === 'cdatamapping') {
      const m = textArg(v, 'image').toLowerCase();
      if (m === 'scaled' && img.channels === 1) mapping = 'scaled';
      else if (m !== 'direct') raise('MATLAB:hg:set_chck:InvalidValue', "CDataMapping must be 'direct' or 'scaled'.");
    } else unknownProperty(key, 'Image');
  }
  // Integer classes index from 0 in MATLAB; doubles from 1. The page indexes from 1.
  let data = img.data;
  if (mapping === 'direct' && t.cls !== 'double' && t.cls !== 'single') data = data.map((v) => v + 1);
  const series: ImageSeries = {
    kind: 'image',
    ...img,
    data,
    mapping,
    clim: null,
    maxValue: classMax(t.cls),
    xData: xData ?? [1, img.cols],
    yData: yData ?? [1, img.rows],
    name: null,
  };
  placeImage(ctx, series, () => undefined);
  return ctx.nargout > 0 ? handles(1) : undefined;
}

function imshow(args: Value[], ctx: CallContext): Value | undefined {
  if (args.length === 0) raise('MATLAB:minrhs', 'Not enough input arguments.');
  const t = tensorArg(args[0], 'imshow');
  const img = imageData(args[0], 'imshow');
  let clim: readonly [number, number] = t.cls === 'logical' ? [0, 1] : classRange(t.cls);
  let map: Colormap | null = null;
  let i = 1;
  const second = args[1];
  if (second !== undefined && textOf(second) === null) {
    const s = tensorArg(second, 'imshow', 2);
    if (s.re.length === 0) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of img.data) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      clim = lo < hi ? [lo, hi] : lo === hi ? [lo - 0.5, hi + 0.5] : [0, 1];
    } else if (s.shape.length === 2 && s.shape[1] === 3 && s.shape[0] > 1) map = matrixColormap(s);
    else if (s.re.length === 2) clim = limitsArg(second, 'imshow');
    else raise('MATLAB:imshow:invalidDisplayRange', 'Display range must be [] or a 2-element vector [low high].');
    i = 2;
  }
  for (const [key, v] of nameValuePairs(args, i, 'imshow')) {
    if (key === 'displayrange') clim = limitsArg(v, 'imshow');
    else if (key === 'colormap') map = matrixColormap(tensorArg(v, 'imshow'));
    else if (key !== 'initialmagnification' && key !== 'border' && key !== 'interpolation') unknownProperty(key, 'Image');
  }
  const series: ImageSeries = {
    kind: 'image',
    ...img,
    mapping: img.channels === 3 ? 'truecolor' : map ? 'direct' : 'scaled',
    clim: null,
    maxValue: classMax(t.cls),
    xData: [1, img.cols],
    yData: [1, img.rows],
    name: null,
  };
  if (series.mapping === 'direct' && t.cls !== 'double' && t.cls !== 'single') series.data = img.data.map((v) => v + 1);
  placeImage(ctx, series, (ax) => {
    ax.aspect = 'image';
    ax.visible = false;
    ax.yDir = 'reverse';
    ax.colormap = map ?? namedColormap('gray');
    if (series.mapping === 'scaled') ax.clim = clim;
  });
  return ctx.nargout > 0 ? handles(1) : undefined;
}

// ------------------------------------------------------------------ colormaps

function matrixColormap(t: Tensor): Colormap {
  const n = t.shape[0];
  if (t.shape.length !== 2 || t.shape[1] !== 3 || n < 1) raise('MATLAB:colormap:InvalidInputType', 'Colormap must be an m-by-3 array of values in [0, 1].');
  const colors = new Float32Array(n * 3);
  for (let k = 0; k < n; k++) {
    for (let ch = 0; ch < 3; ch++) {
      const v = t.re[k + ch * n];
      if (!(v >= 0 && v <= 1)) raise('MATLAB:colormap:InvalidInputRange', 'Colormap values must be in the range [0, 1].');
      colors[3 * k + ch] = v;
    }
  }
  return { name: 'custom', colors };
}

/** A colormap as the n×3 double matrix MATLAB returns. */
function colormapMatrix(colors: Float32Array): Tensor {
  const n = colors.length / 3;
  const out = new Float64Array(n * 3);
  // Float32 → the nearest short decimal, so gray(256) reads back as k/255.
  for (let k = 0; k < n; k++) for (let ch = 0; ch < 3; ch++) out[k + ch * n] = Number(colors[3 * k + ch].toPrecision(7));
  return new Tensor('double', [n, 3], out);
}

function mapFunction(name: (typeof COLORMAP_NAMES)[number], doc: string): BuiltinSpec {
  return {
    family: 'graphics',
    signatures: [`c = ${name}`, `c = ${name}(m)`],
    doc,
    impl: (args) => {
      const m = args[0] === undefined ? DEFAULT_COLORMAP_LENGTH : scalarArg(args[0], name);
      if (!(m >= 0) || !Number.isInteger(m)) raise('MATLAB:colormap:InvalidLength', 'The colormap length must be a nonnegative integer.');
      return colormapMatrix(colormapColors(name, m));
    },
  };
}

function colormap(args: Value[], ctx: CallContext): Value | undefined {
  if (args.length > 0) {
    const a = args[0];
    const text = textOf(a);
    let map: Colormap;
    if (text !== null) {
      const name = text.toLowerCase() === 'default' ? 'parula' : text.toLowerCase();
      if (!isColormapName(name)) raise('MATLAB:colormap:InvalidColormap', `Unknown colormap '${text}'. Known: ${COLORMAP_NAMES.join(', ')}.`);
      const n = args[1] === undefined ? DEFAULT_COLORMAP_LENGTH : scalarArg(args[1], 'colormap', 2);
      map = namedColormap(name, n);
    } else map = matrixColormap(tensorArg(a, 'colormap'));
    ctx.figures.setColormap(map);
  }
  return ctx.nargout > 0 || args.length === 0 ? colormapMatrix(ctx.figures.currentColormap().colors) : undefined;
}

function limitsArg(v: Value | undefined, fname: string): readonly [number, number] {
  const t = tensorArg(v, fname);
  if (t.re.length !== 2 || !(t.re[0] < t.re[1])) raise(`MATLAB:${fname}:InvalidLimits`, 'Limits must be a 2-element vector of increasing numeric values.');
  return [t.re[0], t.re[1]];
}

registerFamily({
  imagesc: {
    family: 'graphics',
    signatures: ['imagesc(C)', 'imagesc(x, y, C)', 'imagesc(..., clims)'],
    doc: 'Shows matrix C as an image whose colours span the colormap from min(C(:)) to max(C(:)) (or clims = [lo hi]). C(1,1) is the top-left pixel; x and y give the centres of the first and last columns and rows. An m-by-n-by-3 C is shown as RGB. Example: imagesc(peaks(100)); colormap(jet); colorbar.',
    impl: imagesc,
  },
  image: {
    family: 'graphics',
    signatures: ['image(C)', 'image(x, y, C)', "image(..., 'CDataMapping', 'scaled')"],
    doc: "Shows C as an image: each value indexes the colormap directly (1 is the first colour for doubles, 0 for integer classes), or an m-by-n-by-3 C as RGB (values in [0, 1] for doubles, [0, 255] for uint8). Example: image(reshape(1:64, 8, 8)); colormap(gray(64)).",
    impl: image,
  },
  imshow: {
    family: 'graphics',
    signatures: ['imshow(I)', 'imshow(I, [low high])', 'imshow(I, [])', 'imshow(RGB)', 'imshow(X, map)'],
    doc: "Shows an image with square pixels and no axes: a greyscale I (display range [0 1] for double, [0 255] for uint8, or [low high]; [] uses the data's range), an m-by-n-by-3 RGB image, or an indexed image with its colormap. Example: imshow(rand(240, 320)); imshow(uint8(255 * rand(64, 64, 3))).",
    impl: imshow,
  },
  colormap: {
    family: 'graphics',
    signatures: ['colormap(name)', 'colormap(map)', 'colormap(name, n)', 'map = colormap'],
    doc: "Sets the current figure's colormap: a name (parula, viridis, gray, hot, jet, default) or an m-by-3 matrix of RGB rows in [0, 1] (gray, jet, hot, parula and viridis are also functions returning such matrices). map = colormap returns the current one. Example: imagesc(magic(8)); colormap(hot).",
    impl: colormap,
  },
  gray: mapFunction('gray', 'The gray colormap: m rows (default 256) from black to white. Example: colormap(gray(16)).'),
  jet: mapFunction('jet', 'The jet colormap: m rows (default 256), dark blue through cyan, yellow and red to dark red. Example: c = jet(4) is [0 0 1; 0 1 1; 1 1 0; 1 0 0]... (MATLAB\'s formula).'),
  hot: mapFunction('hot', 'The hot colormap: m rows (default 256), black through red and yellow to white. Example: colormap(hot).'),
  parula: mapFunction('parula', "A parula-like colormap (MATLAB's default): m rows (default 256), dark blue through teal to yellow. Example: colormap(parula(64))."),
  viridis: mapFunction('viridis', 'The viridis colormap: m rows (default 256), perceptually uniform from dark purple to yellow. Example: imagesc(peaks); colormap(viridis).'),
  colorbar: {
    family: 'graphics',
    signatures: ['colorbar', "colorbar('off')", 'colorbar off'],
    doc: "Shows a colour scale beside the current axes: the colormap against the colour limits of its images (or scatter colours). colorbar off removes it. Example: imagesc(rand(10)); colorbar.",
    impl: (args, ctx) => {
      const ax = ctx.figures.gca();
      const w = args.length > 0 ? textOf(args[0])?.toLowerCase() : undefined;
      ax.colorbar = w !== 'off' && w !== 'hide' && w !== 'delete';
      ctx.figures.touch();
      return ctx.nargout > 0 ? handles(1) : undefined;
    },
  },
});
