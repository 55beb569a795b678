import { describe, expect, it } from 'vitest';
import {
  CASE_EVENT_TYPES,
  CASE_SECTIONS,
  COURSE,
  eventReadable,
  eventWritable,
  sectionOf,
  sectionReadable,
  SECTION_OF_EVENT,
  tiersOnCase,
  type CaseReach,
  type CaseSection,
} from '../src';

const LEAD = 'org-lead';
const RECEIVER = 'org-receiver';
const provider = (sections: readonly CaseSection[]): CaseReach => ({
  kind: 'participant',
  organisationId: RECEIVER,
  role: 'service_provider',
  sections,
});
const FULL = { tiers: { identity: 'write', narrative: 'write', health: 'read', location: 'read' } } as const;

describe('case sections (decision 0010)', () => {
  it('places every event type in a section or the case course', () => {
    for (const type of CASE_EVENT_TYPES) {
      expect([...CASE_SECTIONS, COURSE]).toContain(SECTION_OF_EVENT[type]);
    }
    expect(sectionOf('closure')).toBe(COURSE);
    expect(sectionOf('service')).toBe('services');
    // An unknown type is treated as the most sensitive section, never as the course everyone reads.
    expect(sectionOf('something_new')).toBe('identity');
  });

  it('lets the lead read and write everything', () => {
    const lead: CaseReach = { kind: 'lead' };
    for (const type of CASE_EVENT_TYPES) {
      expect(eventReadable(lead, type, RECEIVER)).toBe(true);
      expect(eventWritable(lead, type)).toBe(true);
    }
  });

  it('lets a participant read its sections, the course and its own writing, and nothing else', () => {
    const reach = provider(['services', 'notes']);
    expect(eventReadable(reach, 'service', LEAD)).toBe(true);
    expect(eventReadable(reach, 'note', LEAD)).toBe(true);
    expect(eventReadable(reach, 'consent', LEAD)).toBe(true);
    expect(eventReadable(reach, 'assessment_csi', LEAD)).toBe(false);
    expect(eventReadable(reach, 'intake', LEAD)).toBe(false);
    expect(eventReadable(reach, 'placement', LEAD)).toBe(false);
    expect(eventReadable(reach, 'assessment_csi', RECEIVER)).toBe(true);
    expect(sectionReadable(reach, 'services')).toBe(true);
    expect(sectionReadable(reach, 'placements')).toBe(false);
  });

  it('lets a service provider write only writable sections it was given', () => {
    const reach = provider(['services', 'identity', 'placements']);
    expect(eventWritable(reach, 'service')).toBe(true);
    expect(eventWritable(reach, 'note')).toBe(false);
    expect(eventWritable(reach, 'placement')).toBe(false);
    expect(eventWritable(reach, 'intake')).toBe(false);
    expect(eventWritable(reach, 'closure')).toBe(false);
    const department: CaseReach = {
      kind: 'participant',
      organisationId: RECEIVER,
      role: 'department',
      sections: [...CASE_SECTIONS],
    };
    expect(eventWritable(department, 'note')).toBe(false);
  });

  it('after a participation ends, reads only what the organisation wrote', () => {
    const ended: CaseReach = { kind: 'own_writing', organisationId: RECEIVER };
    expect(eventReadable(ended, 'service', RECEIVER)).toBe(true);
    expect(eventReadable(ended, 'service', LEAD)).toBe(false);
    expect(eventReadable(ended, 'closure', LEAD)).toBe(false);
    expect(eventWritable(ended, 'service')).toBe(false);
    expect(tiersOnCase(FULL, ended).tiers.identity).toBe('none');
  });

  it('withholds identity and location without the identity section, keeping the reader’s other tiers', () => {
    expect(tiersOnCase(FULL, provider(['services'])).tiers).toEqual({
      identity: 'none',
      narrative: 'write',
      health: 'read',
      location: 'none',
    });
    expect(tiersOnCase(FULL, provider(['identity', 'services'])).tiers).toEqual(FULL.tiers);
  });
});
