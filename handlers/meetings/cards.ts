import type { CardActionName } from '../../cards/actions.js';
import type { CardHandler } from '../types.js';
import { onMeetingCreate, onMeetingEdit, onMeetingNew, onMeetingSave, onMeetingStart, onOverride, onOverrideForm } from './admin.js';
import { onConfirm, onCorrect, onCorrectForm, onSignIn } from './attend.js';
import { onMeetingList, onMeetingOpen } from './command.js';
import { onMeetingEnd, onMeetingSurvey } from './end.js';
import { onMeasure, onRecordOpen, onRecordSave } from './records.js';

/** The meetings' card actions (`mg.*`), spread into the one registry in handlers/index.ts. */
export const meetingCardHandlers: { [A in Extract<CardActionName, `mg.${string}`>]: CardHandler<A> } = {
  'mg.list': onMeetingList,
  'mg.open': onMeetingOpen,
  'mg.new': onMeetingNew,
  'mg.create': onMeetingCreate,
  'mg.edit': onMeetingEdit,
  'mg.save': onMeetingSave,
  'mg.start': onMeetingStart,
  'mg.overrideForm': onOverrideForm,
  'mg.override': onOverride,
  'mg.end': onMeetingEnd,
  'mg.survey': onMeetingSurvey,
  'mg.in': onSignIn,
  'mg.confirm': onConfirm,
  'mg.correctForm': onCorrectForm,
  'mg.correct': onCorrect,
  'mg.record': onRecordOpen,
  'mg.recordSave': onRecordSave,
  'mg.measure': onMeasure,
};
