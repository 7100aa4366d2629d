// What the test translation engine (a LibreTranslate look-alike, started by server.mjs) answers for the
// comments the end-to-end tests post: real sentences, so the engine adapter's language check accepts them.
// Keyed '<target>:<text>'; any other text comes back as '[<target>] text', which the adapter refuses
// when it still reads as the source language (logged, never shown).
export const arabicComment = 'الأوراق الرسمية صعبة جدا علينا. نحتاج إلى شخص يساعدنا في فهمها.';
export const turkishComment = 'Belediyedeki formlar çok zor. Bize yardım edecek birine ihtiyacımız var.';

export const arabicPosition = 'نوافق على هذه التوصية، بشرط أن تحصل الجمعيات الصغيرة على دعم كافٍ.';

export const engineMap = {
	[`nl:${arabicPosition}`]: 'We zijn het eens met deze aanbeveling, als kleine verenigingen genoeg steun krijgen.',
	[`nl:${arabicComment}`]:
		'De officiële papieren zijn erg moeilijk voor ons. We hebben iemand nodig die ons helpt ze te begrijpen.',
	[`nl:${turkishComment}`]: 'De formulieren bij de gemeente zijn erg moeilijk. We hebben iemand nodig die ons helpt.',
	[`ar:${turkishComment}`]: 'الاستمارات في البلدية صعبة جدا. نحتاج إلى شخص يساعدنا.'
};
