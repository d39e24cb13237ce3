import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
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
                '@eventstore/*',
                '@nrm/platform*',
                '@nrm/event-store*',
                '@nrm/projections*',
              ],
              message: 'The domain is plain TypeScript: no framework, ORM, driver or queue.',
            },
            {
              regex: '^@nrm/case(/(application|read-models|http)(/.*)?)?$',
              message: "Import another library's domain only (@nrm/case/domain), never its application side.",
            },
          ],
        },
      ],
    },
  },
);
