import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { cacheDir, packageDir } from './paths';

export const KAFKA_VERSION = '3.9.1';
export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Finds an executable on PATH (plus extra well-known locations), or undefined. */
export function which(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; what: string },
): string {
  const result = spawnSync(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${opts.what}: cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${opts.what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Directory holding the broker's jars (class path `<dir>/*`). */
export function kafkaLibDir(): string {
  return path.join(cacheDir(), 'kafka', 'lib');
}

const kafkaStamp = () => path.join(kafkaLibDir(), `.complete-${KAFKA_VERSION}`);

/**
 * Resolves Apache Kafka's runtime jars from Maven Central into .cache/kafka/lib. Idempotent: a
 * stamp file marks a complete copy; a fresh copy goes to a temporary folder and is renamed into
 * place so concurrent callers never see half a class path.
 */
export function ensureKafkaJars(log: (msg: string) => void = () => {}): string {
  const lib = kafkaLibDir();
  if (existsSync(kafkaStamp())) return lib;
  const mvn = which('mvn');
  if (!mvn) throw new Error('Maven (mvn) is needed to fetch the Kafka jars; run scripts/bootstrap.sh');
  log(`fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${lib}`);
  const parent = path.dirname(lib);
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `lib.tmp-${process.pid}-${Date.now()}`);
  try {
    run(
      mvn,
      [
        '-B',
        '-q',
        '-f',
        path.join(packageDir(), 'maven', 'pom.xml'),
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${tmp}`,
      ],
      { what: 'mvn dependency:copy-dependencies' },
    );
    const jars = readdirSync(tmp).filter((f) => f.endsWith('.jar'));
    if (!jars.some((f) => f === `kafka_2.13-${KAFKA_VERSION}.jar`)) {
      throw new Error(`Maven did not deliver kafka_2.13-${KAFKA_VERSION}.jar (got ${jars.length} jars)`);
    }
    writeFileSync(path.join(tmp, `.complete-${KAFKA_VERSION}`), `${jars.length} jars\n`);
    if (existsSync(kafkaStamp())) return lib; // another process won the race
    rmSync(lib, { recursive: true, force: true });
    renameSync(tmp, lib);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return lib;
}

export function ferretDbBinary(): string {
  return path.join(cacheDir(), 'ferretdb', FERRETDB_VERSION, 'ferretdb');
}

export function findGo(): string | undefined {
  // .cache/go is where scripts/bootstrap.sh puts a toolchain from the Go module proxy.
  return which('go', ['/usr/local/go/bin', path.join(cacheDir(), 'go', 'bin')]);
}

/**
 * Builds FerretDB from the Go module proxy into .cache/ferretdb/<version>/ferretdb.
 * `go install` would produce a binary that panics at start because the module lacks
 * build/version/version.txt (FerretDB issue #2982), so the source is copied out of the module
 * cache, made writable, given that file, and built there.
 */
export function ensureFerretDb(log: (msg: string) => void = () => {}): string {
  const bin = ferretDbBinary();
  if (existsSync(bin)) return bin;
  const go = findGo();
  if (!go) throw new Error('Go is needed to build FerretDB; run scripts/bootstrap.sh');
  log(`building FerretDB ${FERRETDB_VERSION} with ${go} into ${bin}`);
  const work = path.join(cacheDir(), 'ferretdb', `build-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  try {
    // A scratch module lets `go mod download` resolve through the module proxy and checksum DB.
    writeFileSync(path.join(work, 'go.mod'), 'module corridor.local/ferretdb-fetch\n\ngo 1.21\n');
    const out = run(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
      cwd: work,
      env,
      what: 'go mod download FerretDB',
    });
    const moduleDir = (JSON.parse(out) as { Dir?: string; Error?: string }).Dir;
    if (!moduleDir) throw new Error(`go mod download gave no module directory:\n${out}`);
    const src = path.join(work, 'src');
    cpSync(moduleDir, src, { recursive: true });
    makeWritable(src);
    writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    const tmpBin = path.join(work, 'ferretdb');
    run(go, ['build', '-trimpath', '-buildvcs=false', '-o', tmpBin, './cmd/ferretdb'], {
      cwd: src,
      env,
      what: 'go build FerretDB',
    });
    mkdirSync(path.dirname(bin), { recursive: true });
    if (!existsSync(bin)) renameSync(tmpBin, bin);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(full);
    else chmodSync(full, 0o644);
  }
}

/** A real MongoDB server is preferred over FerretDB when one is installed (CORRIDOR_MONGOD overrides). */
export function findMongod(): string | undefined {
  if (process.env.CORRIDOR_MONGOD) return process.env.CORRIDOR_MONGOD || undefined;
  return which('mongod');
}

export function findJava(): string {
  const javaHome = process.env.JAVA_HOME;
  if (javaHome && existsSync(path.join(javaHome, 'bin', 'java'))) return path.join(javaHome, 'bin', 'java');
  const java = which('java');
  if (!java) throw new Error('a Java runtime (17+) is needed for the Kafka broker; run scripts/bootstrap.sh');
  return java;
}
