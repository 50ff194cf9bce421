/** Vitest setup file: every test file starts with the clock pinned to the suite's instant (see clock.ts). */
import { unpinToday } from "./clock.js";

unpinToday();
