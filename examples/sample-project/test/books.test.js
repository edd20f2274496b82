'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { dispatch } = require('../src/server');

test('lists every book', () => {
  const [status, body] = dispatch('GET', '/books');
  assert.strictEqual(status, 200);
  assert.strictEqual(body.length, 3);
});

test('finds a book by id', () => {
  const [status, body] = dispatch('GET', '/books/3');
  assert.strictEqual(status, 200);
  assert.strictEqual(body.title, 'Refactoring');
});

test('returns 404 for an unknown book', () => {
  const [status] = dispatch('GET', '/books/99');
  assert.strictEqual(status, 404);
});
