import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, strictPort: false },
	preview: { port: 4173, strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/faults/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node'
	}
});
