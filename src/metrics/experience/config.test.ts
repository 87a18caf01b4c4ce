import { describe, expect, it } from 'vitest';
import { loadExperienceConfig } from './config.js';

describe('experience config', () => {
  it('loads the checked-in defaults', () => {
    const c = loadExperienceConfig();
    expect(c.quadrants.map((q) => q.name)).toContain('silent_at_risk');
    expect(c.sla.first_response_hours).toBeGreaterThan(0);
  });

  it('merges an override key by key', () => {
    const c = loadExperienceConfig({ experience: { weights: { late_delivery: -1 } } });
    expect(c.experience.weights.late_delivery).toBe(-1);
    expect(c.experience.weights.slow_first_response).toBe(
      loadExperienceConfig().experience.weights.slow_first_response,
    );
  });

  it('fails with the JSON path of a bad value', () => {
    expect(() => loadExperienceConfig({ sla: { first_response_hours: -3 } })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('sla.first_response_hours'),
      }),
    );
    expect(() => loadExperienceConfig('/nonexistent/x.json')).toThrow(
      expect.objectContaining({ code: 'CONFIG_NOT_FOUND' }),
    );
  });
});
