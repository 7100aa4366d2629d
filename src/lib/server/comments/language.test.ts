import { describe, expect, it } from 'vitest';
import { suggestLanguage } from './language';

describe('suggestLanguage', () => {
	it('suggests the language a text is clearly written in when the writer chose another', async () => {
		expect(await suggestLanguage('Borç danışmanlığı mahallede olmalı ve herkese açık olmalı', 'nl')).toBe('tr');
		expect(await suggestLanguage('يجب أن تكون المساعدة قريبة من الناس دائما', 'nl')).toBe('ar');
		expect(await suggestLanguage('Je suis tout à fait d’accord avec cette recommandation', 'en')).toBe('fr');
	});

	it('suggests nothing when the choice is right, or the text is shorter than four words', async () => {
		expect(await suggestLanguage('Schuldbemiddeling moet dichter bij de mensen komen', 'nl')).toBeNull();
		expect(await suggestLanguage('Çok iyi', 'nl')).toBeNull();
		expect(await suggestLanguage('1 2 3 4 5 6', 'nl')).toBeNull();
	});
});
