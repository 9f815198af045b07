/** The mail with a sign-in link, in the person's language (Dutch unless they chose English). */

export interface SignInMail {
  subject: string;
  text: string;
}

export function signInMail({ name, link, locale, minutes }: { name: string | null; link: string; locale: string; minutes: number }): SignInMail {
  if (locale === 'en') {
    return {
      subject: 'Your sign-in link for regie',
      text: [
        `Hello${name ? ` ${name}` : ''},`,
        '',
        'Use this link to sign in to regie:',
        link,
        '',
        `It works once and for ${minutes} minutes. Open it and choose "Continue".`,
        'Did you not ask to sign in? Then you can ignore this mail: nobody signs in without the link.',
      ].join('\n'),
    };
  }
  return {
    subject: 'Uw inloglink voor regie',
    text: [
      `Beste${name ? ` ${name}` : ' collega'},`,
      '',
      'Met deze link logt u in bij regie:',
      link,
      '',
      `De link werkt één keer en is ${minutes} minuten geldig. Open hem en kies "Doorgaan".`,
      'Heeft u niet gevraagd om in te loggen? Dan kunt u deze mail negeren: zonder de link logt niemand in.',
    ].join('\n'),
  };
}
