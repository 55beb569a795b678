import { HealthCheckForm } from './health-check-form.component';
import { ApprovalDecisionForm } from './approval-decision-form.component';
import { ApprovalRequestForm } from './approval-request-form.component';
import { CarePlanForm } from './care-plan-form.component';
import { ClosureForm } from './closure-form.component';
import { ConsentForm } from './consent-form.component';
import { ContactRestoredForm } from './contact-restored-form.component';
import { CsiAssessmentForm } from './csi-assessment-form.component';
import { EducationForm } from './education-form.component';
import { FamilyAssessmentForm } from './family-assessment-form.component';
import { FamilyMemberForm } from './family-member-form.component';
import { FamilyVisitForm } from './family-visit-form.component';
import { FollowUpVisitForm } from './follow-up-visit-form.component';
import { LostContactForm } from './lost-contact-form.component';
import { NoteForm } from './note-form.component';
import { PlacementForm } from './placement-form.component';
import { ReadinessAssessmentForm } from './readiness-assessment-form.component';
import { ReintegrationForm } from './reintegration-form.component';
import { ReopeningForm } from './reopening-form.component';
import { RiskAssessmentForm } from './risk-assessment-form.component';
import { ServiceForm } from './service-form.component';
import type { StepType } from './step-context';
import { TracingAttemptForm } from './tracing-attempt-form.component';
import type { StepFormProps } from './use-step-form';
import { VocationalTrainingForm } from './vocational-training-form.component';

/** The form of one step; a new step or a correction opens the same one. */
export function StepFormFor({ type, ...props }: StepFormProps & { type: StepType }) {
  switch (type) {
    case 'note':
      return <NoteForm {...props} idPrefix="step-note" />;
    case 'consent':
      return <ConsentForm {...props} />;
    case 'assessment_csi':
      return <CsiAssessmentForm {...props} />;
    case 'assessment_family':
      return <FamilyAssessmentForm {...props} />;
    case 'assessment_risk':
      return <RiskAssessmentForm {...props} />;
    case 'assessment_readiness':
      return <ReadinessAssessmentForm {...props} />;
    case 'care_plan':
      return <CarePlanForm {...props} />;
    case 'approval_request':
      return <ApprovalRequestForm {...props} />;
    case 'approval_decision':
      return <ApprovalDecisionForm {...props} />;
    case 'placement':
      return <PlacementForm {...props} />;
    case 'service':
      return <ServiceForm {...props} />;
    case 'education':
      return <EducationForm {...props} />;
    case 'vocational_training':
      return <VocationalTrainingForm {...props} />;
    case 'family_member':
      return <FamilyMemberForm {...props} />;
    case 'tracing_attempt':
      return <TracingAttemptForm {...props} />;
    case 'family_visit':
      return <FamilyVisitForm {...props} />;
    case 'reintegration':
      return <ReintegrationForm {...props} />;
    case 'follow_up_visit':
      return <FollowUpVisitForm {...props} />;
    case 'lost_contact':
      return <LostContactForm {...props} />;
    case 'health_check':
      return <HealthCheckForm {...props} />;
    case 'contact_restored':
      return <ContactRestoredForm {...props} />;
    case 'closure':
      return <ClosureForm {...props} />;
    case 'reopening':
      return <ReopeningForm {...props} />;
  }
}
