'use strict';

const { listBooks, findBook } = require('../store/books');

// Route table entries: method, path pattern and a handler that returns [status, body].
module.exports = [
  { method: 'GET', pattern: /^\/books$/, handle: () => [200, listBooks()] },
  {
    method: 'GET',
    pattern: /^\/books\/([^/]+)$/,
    handle: ([id]) => {
      const book = findBook(id);
      return book ? [200, book] : [404, { error: `Book '${id}' not found` }];
    },
  },
];
