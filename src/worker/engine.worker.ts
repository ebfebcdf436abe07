// The module Web Worker that hosts the engine; the page talks to it through comlink only.
import * as Comlink from 'comlink';
import { createEngineApi } from './engineApi.ts';

Comlink.expose(createEngineApi());
