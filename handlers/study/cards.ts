import type { CardActionName } from '../../cards/actions.js';
import { onCheckIn, onLeave, onLeaveForm, onReflectOpen, onReflectSubmit, onSessionCard } from './attend.js';
import { onRecordOpen, onSettingsOpen, onSettingsSave, onStudyExport } from './command.js';
import type { CardHandler } from '../types.js';

/** Study card actions (`st.*`), spread into the one card registry in handlers/index.ts. */
export const studyCardHandlers: { [A in Extract<CardActionName, `st.${string}`>]: CardHandler<A> } = {
  'st.in': onCheckIn,
  'st.leaveForm': onLeaveForm,
  'st.leave': onLeave,
  'st.card': onSessionCard,
  'st.reflect': onReflectOpen,
  'st.submit': onReflectSubmit,
  'st.record': onRecordOpen,
  'st.settings': onSettingsOpen,
  'st.save': onSettingsSave,
  'st.export': onStudyExport,
};
