import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'fixtures/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-console': 'error',
    },
  },
  {
    // Only src/cli prints or ends the process; the domains return data (see .dependency-cruiser.cjs).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli ends the process: throw UserError or return an exit code.' },
        { object: 'process', property: 'exitCode', message: 'Only src/cli sets the exit code.' },
        { object: 'process', property: 'stdout', message: 'Only src/cli writes to stdout: return the data.' },
        { object: 'process', property: 'stderr', message: 'Only src/cli writes to stderr: return the data.' },
      ],
    },
  },
  {
    files: ['bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
)
