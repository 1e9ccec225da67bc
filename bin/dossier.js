#!/usr/bin/env node
// The `dossier` command: runs the compiled CLI (npm install builds it through `prepare`).
import '../dist/src/cli/main.js';
