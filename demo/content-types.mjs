/** The content types of the files the project's local servers hand out (demo, docs, test pages). */
import { extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The `content-type` for a file (or a bare extension such as `.json`). */
export function contentTypeOf(file) {
  return TYPES[extname(file) || file] ?? 'application/octet-stream';
}
