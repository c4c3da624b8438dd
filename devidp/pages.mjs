// The development identity provider's pages: plain HTML, no script, readable on a phone.

const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LEVEL_NAMES = { Low: 'Lav', Substantial: 'Betydelig', High: 'Høj' };

const TITLES = {
  mitid: 'MitID (udvikling)',
  staff: 'Medarbejderlogin (udvikling)',
};

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
fieldset { border: 1px solid #767676; margin: 0 0 1rem; padding: 0.5rem 1rem; }
label { display: block; padding: 0.25rem 0; }
button { font: inherit; padding: 0.5rem 1rem; margin: 0 0.5rem 0.5rem 0; }
.note { color: #4a4a4a; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function loginPage(name, people, levels, testHooks, error) {
  const identities = people.map((person, index) => {
    const detail = [person.cpr ? `CPR ${person.cpr}` : null, person.email, person.note].filter(Boolean).join(' · ');
    return `<label><input type="radio" name="identity" value="${escape(person.id)}"${index === 0 ? ' checked' : ''}>
 ${escape(person.name)} <span class="note">(${escape(detail)})</span></label>`;
  }).join('\n');
  const second = name === 'mitid'
    ? `<fieldset><legend>Sikringsniveau (NSIS)</legend>
${levels.map((level) => `<label><input type="radio" name="level" value="${level}"${level === 'Substantial' ? ' checked' : ''}> ${LEVEL_NAMES[level]} (${level})</label>`).join('\n')}
</fieldset>`
    : `<fieldset><legend>Anden faktor</legend>
<label><input type="radio" name="mfa" value="yes" checked> Med MFA (adgangskode og app)</label>
<label><input type="radio" name="mfa" value="no"> Uden MFA (kun adgangskode)</label>
</fieldset>`;
  return page(TITLES[name], `<h1>${escape(TITLES[name])}</h1>
<p>Dette er en udviklingsudgave. Vælg, hvem du vil logge ind som.${testHooks ? ' (Test)' : ''}</p>
${error ? `<p role="alert"><strong>${escape(error)}</strong></p>` : ''}
<form method="post">
<fieldset><legend>Identitet</legend>
${identities}
</fieldset>
${second}
<button type="submit" name="action" value="login">Log ind</button>
<button type="submit" name="action" value="cancel">Afbryd</button>
</form>`);
}

export function logoutPage(name, form) {
  return page(TITLES[name], `<h1>Log ud</h1>
<p>Vil du logge ud af ${escape(TITLES[name])}?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, log mig ud</button>
<button type="submit" form="op.logoutForm">Nej</button>`);
}

export function loggedOutPage(name) {
  return page(TITLES[name], `<h1>Du er logget ud</h1><p>Du er logget ud af ${escape(TITLES[name])}.</p>`);
}

export function errorPage(out) {
  return page('Fejl', `<h1>Der skete en fejl</h1>
<p>${escape(out.error)}: ${escape(out.error_description)}</p>`);
}
