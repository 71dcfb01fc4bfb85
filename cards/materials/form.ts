import { MATERIAL_FORM } from '../../src/domain/materials/form.js';
import type { MaterialKind } from '../../src/domain/materials/kinds.js';
import type { Material } from '../../src/domain/materials/material.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, clip, datePicker, fieldLabel, form, formButton, input, multiSelect, noteText, select } from '../components.js';
import type { Card } from '../types.js';

const M = msg.materials;

interface Person { openId: string; name: string }

export interface MaterialFormView {
  /** Office kinds the form offers (对照检查材料 are made one per leader by their own button). */
  kinds: readonly MaterialKind[];
  /** Who may write: the office's people first. */
  people: readonly Person[];
  /** Editing: the material (its kind is fixed, its title, authors and due day filled in). */
  material?: Material;
  kindName?: string;
}

/** The office's form: a new material, or the title, authors and due day of one not accepted yet. */
export function materialFormCard(v: MaterialFormView): Card {
  const m = v.material;
  const people = v.people.slice(0, 100).map((p) => ({ value: p.openId, label: clip(p.name, 30) }));
  return card({
    title: m ? t(M.form.editTitle(m.title)) : t(M.form.title),
    ...(m && v.kindName ? { subtitle: v.kindName } : {}),
    template: 'blue',
    personal: true,
    elements: [
      ...(m ? [] : [noteText(t(M.form.intro))]),
      form('mt_form', [
        ...(m ? [] : [
          fieldLabel(t(M.fields.kind)),
          select({ name: MATERIAL_FORM.kind, options: v.kinds.map((k) => ({ value: k.key, label: k.name })), required: true }),
        ]),
        input({ name: MATERIAL_FORM.title, label: t(M.fields.title), maxLength: 100, required: true,
          ...(m ? { defaultValue: m.title } : {}) }),
        fieldLabel(t(M.fields.authors)),
        multiSelect({ name: MATERIAL_FORM.authors, options: people, required: true, ...(m ? { selected: m.authors } : {}) }),
        fieldLabel(t(m ? M.fields.due : M.fields.dueOrDefault)),
        datePicker({ name: MATERIAL_FORM.due, required: Boolean(m), ...(m ? { initialDate: m.due } : {}) }),
        m ? formButton(t(M.buttons.save), { a: 'mt.editSave', id: m.id }, { name: 'mt_save_go' })
          : formButton(t(M.buttons.create), { a: 'mt.create' }, { name: 'mt_create_go' }),
      ]),
      button(t(M.buttons.back), { a: 'mt.list' }),
    ],
  });
}
