export { createParkOnboardingService, SERVICE_NAME, type ParkOnboardingOptions } from './app';
export { OnboardingCommands, PARKS, APPLICATIONS, landingApplicationId } from './commands';
export * from './domain';
