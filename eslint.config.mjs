import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * A library (libs/<lib>) is used through its index, `@nrm/<lib>`, or through one of these named
 * entries, `@nrm/<lib>/<entry>` (libs/<lib>/src/<entry>/index.ts): `domain`, plain TypeScript for other
 * domains; `testing`, helpers for tests; `http`, the HTTP edge (platform's), which the application
 * layer may not import; `vocabulary`, a library's closed lists as plain constants, which the console
 * (apps/web) offers. Nothing else of a library is reachable from outside it. The codemod
 * /work/codemods/fix-deep-imports.mjs reads this list.
 */
export const LIBRARY_ENTRIES = ['domain', 'testing', 'http', 'vocabulary'];

const libraries = readdirSync(`${import.meta.dirname}/libs`);
const apps = readdirSync(`${import.meta.dirname}/apps`);

const throughIndex = [
  {
    regex: `^@nrm/[a-z-]+/(?!(${LIBRARY_ENTRIES.join('|')})$)`,
    message: `Use a library through its index (@nrm/<lib>) or a named entry (${LIBRARY_ENTRIES.join(', ')}); export what you need there.`,
  },
  {
    regex: '(^|/)libs/[a-z-]+/src',
    message: 'Reach a library through @nrm/<lib>, not through a relative path into libs/.',
  },
];

/**
 * The library boundaries (core no-restricted-imports: every boundary here is a module specifier, so
 * no resolver or plugin is needed). One block per library and per app, as a rule's options do not
 * merge across blocks. The layer rules below use typescript-eslint's copy of the rule, so that both
 * apply to the same file.
 */
const boundaries = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: throughIndex }] },
  },
  ...libraries.map((lib) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...throughIndex,
            {
              regex: `^@nrm/${lib}(/|$)`,
              message: 'Inside a library, import its own modules by relative path (its index would make cycles).',
            },
          ],
        },
      ],
    },
  })),
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...throughIndex,
            {
              regex: `^(\\.\\./)+(${apps.filter((other) => other !== app).join('|')})/`,
              message: 'An app never imports another app: move what both need into a library.',
            },
          ],
        },
      ],
    },
  })),
];

/** Application-layer imports that belong to the HTTP edge (the application throws shared-kernel errors). */
const HTTP_OF_NEST = [
  'HttpException',
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'ConflictException',
  'GoneException',
  'PreconditionFailedException',
  'UnprocessableEntityException',
  'InternalServerErrorException',
  'HttpStatus',
  'HttpCode',
  'Controller',
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'Req',
  'Res',
  'Body',
  'Param',
  'Query',
  'Headers',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.run/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Tests reshape request bodies freely to make them invalid.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaries,
  {
    // The domain is plain TypeScript: no framework, ORM, driver or queue. A track's events, state,
    // decider and read rules are the case's domain too; its routes (*.commands.ts, *.dto.ts,
    // *.controller.ts) and application functions beside them are not.
    files: [
      'libs/*/src/domain/**/*.ts',
      'libs/case/src/tracks/**/*.{events,state,decider,read-rules}.ts',
      'libs/case/src/tracks/*.ts',
      'libs/case/src/tracks/*/case-placements.ts',
      'libs/case/src/tracks/*/indicator-catalogue/**/*.ts',
    ],
    ignores: ['**/*.spec.ts', 'libs/case/src/tracks/tracks.module.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'bullmq',
                'ioredis',
                'express',
                '@eventstore/*',
                '@nrm/platform*',
                '@nrm/event-store*',
                '@nrm/projections*',
              ],
              message: 'The domain is plain TypeScript: no framework, ORM, driver or queue.',
            },
            {
              regex: '^@nrm/(?!shared-kernel$)[a-z-]+$',
              message: "Import another library's domain only (@nrm/<lib>/domain), never its application side.",
            },
          ],
        },
      ],
    },
  },
  {
    // The application layer knows no HTTP: it throws shared-kernel errors, mapped at the edge.
    files: ['libs/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: HTTP_OF_NEST,
              message:
                'The application layer knows no HTTP: throw NotFoundError/ForbiddenError/UnprocessableRequestError.',
            },
          ],
          patterns: [
            {
              group: ['express', '@nestjs/platform-express', '@nrm/platform/http', '@nrm/platform/http/*'],
              message: 'The application layer knows no HTTP: that belongs to the controllers (src/http).',
            },
          ],
        },
      ],
    },
  },
);
