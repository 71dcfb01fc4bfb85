import { describe, expect, it } from 'vitest';
import {
  canUse, COMMANDS, commandsFor, menuKeyToCommand, normalizeInput, normalizeReceiptCode, parseCommand,
} from '../../../src/domain/commands.js';

describe('normalizeInput', () => {
  it('folds full-width input, the ideographic space and mention placeholders', () => {
    expect(normalizeInput('／ＨＥＬＰ')).toBe('HELP');
    expect(normalizeInput('查询\u3000ａｂ１２')).toBe('查询 ab12');
    expect(normalizeInput('@_user_1  帮助 ')).toBe('帮助');
    expect(normalizeInput('  /  status   AB12  ')).toBe('status AB12');
    expect(normalizeInput('@_user_1')).toBe('');
  });
});

describe('parseCommand', () => {
  it.each([
    ['／ＨＥＬＰ', 'help', ''],
    ['帮助', 'help', ''],
    ['Help', 'help', ''],
    ['/help', 'help', ''],
    ['？', 'help', ''],
    ['@_user_1 帮助', 'help', ''],
    ['@_user_1 /提意见', 'opinion', ''],
    ['查询　ab12', 'status', 'ab12'],
    ['查询ab12', 'status', 'ab12'],
    ['查询 ab12 cd34', 'status', 'ab12 cd34'],
    ['status  AB12CD34', 'status', 'AB12CD34'],
    ['STATUS ab12', 'status', 'ab12'],
    ['学习 设置', 'studySettings', ''],
    ['学习　设置', 'studySettings', ''],
    ['学习设置', 'studySettings', ''],
    ['study settings', 'studySettings', ''],
    ['Study Settings topic', 'studySettings', 'topic'],
    ['材料 设置', 'materialsSettings', ''],
    ['材料设置', 'materialsSettings', ''],
    ['materials settings', 'materialsSettings', ''],
    ['materials-settings', 'materialsSettings', ''],
    ['材料', 'materials', ''],
    ['materials', 'materials', ''],
    ['学习', 'study', ''],
    ['study', 'study', ''],
    ['意见处理', 'triage', ''],
    ['意见报告', 'report', ''],
    ['测评', 'evaluate', ''],
    ['整改', 'ledger', ''],
    ['进度', 'progress', ''],
    ['设置', 'settings', ''],
    ['设置 管理员', 'settings', '管理员'],
    ['设置管理员 @_user_2', 'settings', '管理员'],
    ['@_user_1 设置 班子成员 @_user_2 副主席', 'settings', '班子成员 副主席'],
    ['移除 管理员 @_user_2', 'remove', '管理员'],
    ['settings admin', 'settings', 'admin'],
    ['REMOVE leader', 'remove', 'leader'],
  ])('%s → %s', (text, key, args) => {
    expect(parseCommand(text)).toEqual({ key, args });
  });

  it.each([
    ['食堂饭菜太贵了', '食堂饭菜太贵了'],
    ['进度怎么样', '进度怎么样'],
    ['helpme', 'helpme'],
    ['', ''],
    ['@_user_1', ''],
  ])('unknown: %s', (text, normalized) => {
    expect(parseCommand(text)).toEqual({ key: 'unknown', text: normalized });
  });
});

describe('normalizeReceiptCode', () => {
  it('upper-cases and strips spaces and dashes, full-width included', () => {
    expect(normalizeReceiptCode('ab12 cd34')).toBe('AB12CD34');
    expect(normalizeReceiptCode('ａｂ１２－ｃｄ３４')).toBe('AB12CD34');
    expect(normalizeReceiptCode(' ab12—cd34 ')).toBe('AB12CD34');
  });
});

describe('menu keys and the command table', () => {
  it('maps the English keys', () => {
    expect(menuKeyToCommand('help')).toBe('help');
    expect(menuKeyToCommand('opinion')).toBe('opinion');
    expect(menuKeyToCommand('study_settings')).toBe('studySettings');
    expect(menuKeyToCommand('materials settings')).toBe('materialsSettings');
    expect(menuKeyToCommand('study settings')).toBe('studySettings');
    expect(menuKeyToCommand('nope')).toBeNull();
  });

  it('marks personal commands and admin-only ones', () => {
    expect(COMMANDS.opinion.personal).toBe('always');
    expect(COMMANDS.status.personal).toBe('always');
    expect(COMMANDS.study.personal).toBe('always');
    expect(COMMANDS.evaluate.personal).toBe('partly');
    expect(COMMANDS.ledger.personal).toBe('always');
    expect(canUse('settings', [])).toBe(false);
    expect(canUse('settings', ['admin'])).toBe(true);
    expect(canUse('report', ['supervisor'])).toBe(true);
    expect(commandsFor([])).not.toContain('triage');
    expect(commandsFor(['leader', 'admin'])).toContain('studySettings');
  });

  it('every command has a Chinese name, an alias and catalog help', () => {
    for (const [key, info] of Object.entries(COMMANDS)) {
      expect(info.key).toBe(key);
      expect(info.help.desc.zh.length).toBeGreaterThan(0);
      expect(info.help.desc.en.length).toBeGreaterThan(0);
      expect(parseCommand(info.zh)).toEqual({ key, args: '' });
      expect(parseCommand(info.alias)).toEqual({ key, args: '' });
    }
  });
});
