/** `npm start`: the demo site, using the built self-contained bundle exactly as a site would. */
const port = Number(process.env.PORT ?? 8000);

export default {
  rootDir: '.',
  appIndex: 'demo/index.html',
  port,
  hostname: '127.0.0.1',
  open: false,
  watch: false,
  middleware: [
    (context, next) => {
      if (context.path === '/') return context.redirect('/demo/');
      return next();
    },
  ],
};
