// MATLAB text output: command-window display, disp, sprintf/fprintf, num2str, mat2str.
export { displayValue, dispText, type NumberFormat } from './format.ts';
export { formatValueSummary, cellElementText, sizeText } from './summary.ts';
export { formatPrintf, processEscapes } from './printf.ts';
export { num2str, num2strText, mat2str } from './convert.ts';
