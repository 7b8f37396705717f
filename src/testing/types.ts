/** The responder types, defined next to the responders (adapters may not import src/testing). */
export type { RespondContext, SimulatedResponse, VendorResponder } from '../../adapters/responders.js';
