'use strict';

const http = require('node:http');
const routes = require('./routes/books');

/** Finds the route for a request and returns [status, body]. */
function dispatch(method, path) {
  for (const route of routes) {
    const match = route.method === method && route.pattern.exec(path);
    if (match) {
      return route.handle(match.slice(1));
    }
  }
  return [404, { error: `No route for ${method} ${path}` }];
}

function createServer() {
  return http.createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    const [status, body] = dispatch(request.method, path);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT || 3000);
  createServer().listen(port, '127.0.0.1', () => {
    console.log(`bookshop-api listening on 127.0.0.1:${port}`);
  });
}

module.exports = { createServer, dispatch };
