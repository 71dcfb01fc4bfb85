// What a tap on a rendered card does, as the Lark client does it: callback buttons and form submits
// become `card.action.trigger` callbacks (form fields by name in form_value, multi-selects as arrays,
// dates as "YYYY-MM-DD +0800"); required fields are checked here first; reset clears the form.

/** The form's values by field name, and the required fields left empty. */
export function collectForm(form) {
  const values = {};
  const missing = [];
  for (const el of form.querySelectorAll('input[name], textarea[name], select[name]')) {
    let has;
    if (el.type === 'checkbox') {
      values[el.name] = el.checked;
      has = true;
    } else if (el.hasAttribute('data-pg-date')) {
      if (el.value) values[el.name] = `${el.value} +0800`;
      has = Boolean(el.value);
    } else if (el.tagName === 'SELECT') {
      if (el.value) values[el.name] = el.value;
      has = Boolean(el.value);
    } else {
      values[el.name] = el.value;
      has = el.value.trim() !== '';
    }
    if (el.hasAttribute('data-pg-required') && !has) missing.push(el);
  }
  for (const box of form.querySelectorAll('[data-pg-multi][data-name]')) {
    const chosen = [...box.querySelectorAll('input:checked')].map((i) => i.value);
    values[box.dataset.name] = chosen;
    if (box.hasAttribute('data-pg-required') && chosen.length === 0) missing.push(box);
  }
  return { values, missing };
}

function pageTable(btn) {
  const wrap = btn.closest('.pg-table');
  const pager = btn.closest('[data-pg-pages]');
  const pages = [...wrap.querySelectorAll('tbody[data-pg-page]')];
  const now = pages.findIndex((p) => !p.hidden);
  const next = Math.min(pages.length - 1, Math.max(0, now + Number(btn.dataset.pgStep)));
  pages.forEach((p, i) => { p.hidden = i !== next; });
  pager.querySelector('span').textContent = `${next + 1} / ${pages.length}`;
}

/**
 * Wires a message list: `send(messageId, action)` posts the callback and returns the answer
 * ({ toast, replaced }); `toast(t)` shows a toast.
 */
export function wireCards(list, { send, toast }) {
  async function fire(btn, messageId, action) {
    btn.disabled = true;
    btn.classList.add('pg-busy');
    try {
      const answer = await send(messageId, action);
      if (answer.toast) toast(answer.toast);
    } catch (e) {
      toast({ type: 'error', content: String(e.message ?? e) });
    } finally {
      btn.disabled = false;
      btn.classList.remove('pg-busy');
    }
  }

  list.addEventListener('click', (ev) => {
    const step = ev.target.closest('[data-pg-step]');
    if (step) return pageTable(step);
    const btn = ev.target.closest('button[data-pg-button]');
    if (!btn || btn.disabled) return;
    const msg = btn.closest('[data-msg-id]');
    const kind = btn.dataset.pgButton;
    if (btn.dataset.pgConfirm && !window.confirm(btn.dataset.pgConfirm)) return;
    const value = btn.dataset.pgValue ? JSON.parse(btn.dataset.pgValue) : {};
    const name = btn.dataset.pgName;
    if (kind === 'url') return void window.open(btn.dataset.pgUrl, '_blank', 'noopener');
    const form = btn.closest('form[data-pg-form]');
    if (kind === 'reset' && form) {
      form.reset();
      form.querySelectorAll('.pg-missing').forEach((el) => el.classList.remove('pg-missing'));
      return;
    }
    if (kind === 'submit' && form) {
      const { values, missing } = collectForm(form);
      form.querySelectorAll('.pg-missing').forEach((el) => el.classList.remove('pg-missing'));
      if (missing.length) {
        missing.forEach((el) => el.closest('.pg-field')?.classList.add('pg-missing'));
        return toast({ type: 'warning', content: '请填写必填项' });
      }
      return void fire(btn, msg.dataset.msgId, { value, formValue: values, ...(name ? { name } : {}) });
    }
    if (kind === 'callback') fire(btn, msg.dataset.msgId, { value, ...(name ? { name } : {}) });
  });

  list.addEventListener('change', (ev) => {
    const box = ev.target.closest('input[data-pg-check]');
    if (!box) return;
    const msg = box.closest('[data-msg-id]');
    fire(box, msg.dataset.msgId, {
      value: JSON.parse(box.dataset.pgCheck), tag: 'checker', checked: box.checked, ...(box.name ? { name: box.name } : {}),
    });
  });

  list.addEventListener('submit', (ev) => ev.preventDefault());
}
