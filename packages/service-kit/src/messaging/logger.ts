/** The slice of a pino logger the messaging code needs (pino loggers satisfy it). */
export interface MessagingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

const write = (level: string) => (obj: object, msg?: string) => {
  if (level === 'debug') return;
  process.stderr.write(`${JSON.stringify({ level, msg, ...obj })}\n`);
};

/** Used when the caller passes no logger: JSON lines on stderr, debug dropped. */
export const fallbackLogger: MessagingLogger = {
  info: write('info'),
  warn: write('warn'),
  error: write('error'),
  debug: write('debug'),
};
