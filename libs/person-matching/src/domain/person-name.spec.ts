import { normalisePersonName } from './person-name';

describe('normalisePersonName', () => {
  // Given the same person written by different agencies, when normalised, then the forms are equal.
  it.each([
    ['Azerbaijani Latin / English Latin', ['Aygün', 'Məmmədova'], ['Aygun', 'Mammadova']],
    ['Azerbaijani Latin / Russian', ['Aygün', 'Məmmədova'], ['Айгюн', 'Мамедова']],
    ['given and family name swapped', ['Aygün', 'Məmmədova'], ['Mammadova', 'Aygun']],
    ['capitals, hyphen and doubled letters', ['AYGÜN', 'MƏMMƏDOVA'], ['Aygun', 'Mamedova']],
    ['ə as e, -iyev as -iev', ['Rəşad', 'Əliyev'], ['Рашад', 'Алиев']],
    ['h written as g in Russian, c as j / дж', ['Cavid', 'Həsənov'], ['Джавид', 'Гасанов']],
    ['c as j in English', ['Cavid', 'Həsənov'], ['Javid', 'Hasanov']],
    ['x as kh / х, q as g / г, ı as y / ы', ['Xəyal', 'Qasımov'], ['Хаял', 'Гасымов']],
    ['x as kh in English', ['Xəyal', 'Qasımov'], ['Khayal', 'Gasimov']],
    ['ü after a consonant as ю', ['Gülnarə', 'Şükürova'], ['Гюльнара', 'Шукюрова']],
    ['ş without its cedilla', ['Şahin', 'Əliyev'], ['Sahin', 'Aliyev']],
    ['ş as sh, ç as ch', ['Çingiz', 'Şahinov'], ['Chingiz', 'Shakhinov']],
    ['ö as ё', ['Göyçay', 'Ağayev'], ['Гёйчай', 'Агаев']],
    ['dotted capital İ', ['İlham', 'İsmayılov'], ['Ilham', 'Ismayilov']],
  ])('%s: the same person', (_, [given1, family1], [given2, family2]) => {
    expect(normalisePersonName(given1, family1)).toBe(normalisePersonName(given2, family2));
  });

  // Given different people, when normalised, then the forms differ.
  it.each([
    ['another given name', ['Aygün', 'Məmmədova'], ['Aysel', 'Məmmədova']],
    ['another family name', ['Aygün', 'Məmmədova'], ['Aygün', 'Hüseynova']],
    ['Az c (j) is not ç (ch)', ['Cələbi', 'Əliyev'], ['Çələbi', 'Əliyev']],
    ['a mere letter in common', ['Nərmin', 'Quliyeva'], ['Nərgiz', 'Quliyeva']],
  ])('%s: different people', (_, [given1, family1], [given2, family2]) => {
    expect(normalisePersonName(given1, family1)).not.toBe(normalisePersonName(given2, family2));
  });

  it('keeps only letters, words in alphabetical order', () => {
    expect(normalisePersonName('Aygün', 'Məmmədova')).toBe('aigun mamadova');
    expect(normalisePersonName(' Aygün  ', 'Məmmədova-Quliyeva')).toBe('aigun guliava mamadova');
  });
});
