/** Step 3 of account deletion: the RevenueCat customer is deleted, where the stage has RevenueCat. */
import { revenueCatSubscriberRegistry } from '../../adapters/revenuecat/subscriber-registry';
import { removeSubscriber } from '../../domain/account-deletion/steps';
import { workflowStep } from '../../shared/workflow-step';
import { userIdInput } from './deps';

export const handler = workflowStep('RemoveSubscriber', userIdInput, (input) =>
  removeSubscriber({ registry: revenueCatSubscriberRegistry() }, input),
);
