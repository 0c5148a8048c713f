#!/usr/bin/env node
import '../dist/bundle/tdgov.js'
