// The figure model, its colormaps and line specs, the per-session FigureState, and the display
// copy that `figure` events carry.
export * from './model.ts';
export * from './colormaps.ts';
export * from './lineSpec.ts';
export * from './state.ts';
export * from './display.ts';
export * from './limits.ts';
