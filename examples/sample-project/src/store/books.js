'use strict';

// In-memory book store. Ids are strings so that they can come straight from a URL path.
const books = new Map([
  ['1', { id: '1', title: 'The Pragmatic Programmer', authorId: 'a1', year: 1999 }],
  ['2', { id: '2', title: 'Structure and Interpretation', authorId: 'a2', year: 1985 }],
  ['3', { id: '3', title: 'Refactoring', authorId: 'a3', year: 1999 }],
]);

/** Returns every book, ordered by id. */
function listBooks() {
  return [...books.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Returns the book with the given id, or undefined when there is none. */
function findBook(id) {
  return books.get(id);
}

module.exports = { listBooks, findBook };
