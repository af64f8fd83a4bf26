import type { Role, WorkingHours } from '@operable/shared';
import { RUNBOOKS } from './demo-runbooks.js';

/**
 * A small but realistic organization to explore Operable with: three teams
 * spread over six time zones, and the services they run with real runbooks.
 * Everything here goes through the same schemas and verbs as the API.
 */

export interface DemoTeam {
  name: string;
  description: string;
}

export interface DemoUser {
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  workingHours: WorkingHours;
  /** Names of the demo teams the person belongs to. */
  teams: string[];
}

export interface DemoService {
  name: string;
  team: string;
  description: string;
  tags: string[];
  runbookUrl: string;
  runbookMarkdown: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const hours = (start: string, end: string, days = WEEKDAYS): WorkingHours => ({ days, start, end });

export const DEMO_TEAMS: DemoTeam[] = [
  {
    name: 'Platform',
    description:
      'Shared infrastructure every product depends on: the API gateway, identity and the main PostgreSQL cluster. ' +
      'First responders for anything that affects more than one product.',
  },
  {
    name: 'Payments',
    description:
      'Checkout, card payments and billing. Owns the relationship with the payment provider; ' +
      'anything that stops money moving is high urgency.',
  },
  {
    name: 'Mobile',
    description: 'The backend-for-frontend behind the iOS and Android apps, and push notifications.',
  },
];

export const DEMO_USERS: DemoUser[] = [
  // Platform: follows the sun from San Francisco through London and Berlin to Bengaluru.
  { name: 'Maya Chen', email: 'maya.chen@example.com', role: 'responder', timeZone: 'America/Los_Angeles', workingHours: hours('09:00', '17:00'), teams: ['Platform'] },
  { name: 'Daniel Okafor', email: 'daniel.okafor@example.com', role: 'responder', timeZone: 'Europe/London', workingHours: hours('09:00', '17:30'), teams: ['Platform'] },
  { name: 'Lena Fischer', email: 'lena.fischer@example.com', role: 'responder', timeZone: 'Europe/Berlin', workingHours: hours('08:30', '17:00'), teams: ['Platform', 'Payments'] },
  { name: 'Arjun Mehta', email: 'arjun.mehta@example.com', role: 'responder', timeZone: 'Asia/Kolkata', workingHours: hours('10:00', '18:30'), teams: ['Platform'] },
  // Payments: New York and London, with a Bengaluru engineer bridging the two.
  { name: 'Sofia Alvarez', email: 'sofia.alvarez@example.com', role: 'responder', timeZone: 'America/New_York', workingHours: hours('09:00', '17:00'), teams: ['Payments'] },
  { name: 'Marcus Johnson', email: 'marcus.johnson@example.com', role: 'responder', timeZone: 'America/New_York', workingHours: hours('08:00', '16:00'), teams: ['Payments'] },
  { name: 'Priya Raman', email: 'priya.raman@example.com', role: 'responder', timeZone: 'Asia/Kolkata', workingHours: hours('11:00', '19:30'), teams: ['Payments'] },
  // Part time: Monday to Thursday.
  { name: 'Tom Whitfield', email: 'tom.whitfield@example.com', role: 'responder', timeZone: 'Europe/London', workingHours: hours('09:00', '17:00', [1, 2, 3, 4]), teams: ['Payments', 'Mobile'] },
  // Mobile: Los Angeles and Sydney.
  { name: 'Hannah Kim', email: 'hannah.kim@example.com', role: 'responder', timeZone: 'America/Los_Angeles', workingHours: hours('10:00', '18:00'), teams: ['Mobile'] },
  { name: 'Jack Thornton', email: 'jack.thornton@example.com', role: 'responder', timeZone: 'Australia/Sydney', workingHours: hours('08:30', '17:00'), teams: ['Mobile'] },
  { name: 'Chloe Nguyen', email: 'chloe.nguyen@example.com', role: 'responder', timeZone: 'Australia/Sydney', workingHours: hours('09:00', '17:30'), teams: ['Mobile'] },
  // Customer support lead: follows payment and app incidents, changes nothing.
  { name: 'Grace Miller', email: 'grace.miller@example.com', role: 'viewer', timeZone: 'America/New_York', workingHours: hours('08:30', '16:30'), teams: ['Payments', 'Mobile'] },
];

const runbookUrl = (team: string, service: string) => `https://runbooks.example.com/${team.toLowerCase()}/${service}`;

export const DEMO_SERVICES: DemoService[] = [
  {
    name: 'api-gateway',
    team: 'Platform',
    description: 'Envoy-based edge gateway: TLS termination, routing and rate limiting for every public API and the apps.',
    tags: ['tier:1', 'edge', 'envoy', 'kubernetes'],
    runbookUrl: runbookUrl('Platform', 'api-gateway'),
    runbookMarkdown: RUNBOOKS.apiGateway,
  },
  {
    name: 'identity',
    team: 'Platform',
    description: 'Sign-in, sessions and OAuth2 access tokens for the web app, the mobile apps and partner integrations.',
    tags: ['tier:1', 'auth', 'go', 'kubernetes'],
    runbookUrl: runbookUrl('Platform', 'identity'),
    runbookMarkdown: RUNBOOKS.identity,
  },
  {
    name: 'postgres-main',
    team: 'Platform',
    description: 'The main PostgreSQL 16 cluster (one primary, two streaming replicas) behind PgBouncer.',
    tags: ['tier:1', 'database', 'postgres'],
    runbookUrl: runbookUrl('Platform', 'postgres-main'),
    runbookMarkdown: RUNBOOKS.postgresMain,
  },
  {
    name: 'checkout-api',
    team: 'Payments',
    description: 'Carts, orders and the checkout flow; calls payment-processor to take money.',
    tags: ['tier:1', 'payments', 'node', 'kubernetes'],
    runbookUrl: runbookUrl('Payments', 'checkout-api'),
    runbookMarkdown: RUNBOOKS.checkoutApi,
  },
  {
    name: 'payment-processor',
    team: 'Payments',
    description: 'Card authorisations, captures and refunds through the payment service provider (PSP). In PCI scope.',
    tags: ['tier:1', 'payments', 'pci', 'java'],
    runbookUrl: runbookUrl('Payments', 'payment-processor'),
    runbookMarkdown: RUNBOOKS.paymentProcessor,
  },
  {
    name: 'billing-worker',
    team: 'Payments',
    description: 'Queue workers for subscription renewals, invoices and failed-payment retries (dunning).',
    tags: ['tier:2', 'payments', 'queue', 'python'],
    runbookUrl: runbookUrl('Payments', 'billing-worker'),
    runbookMarkdown: RUNBOOKS.billingWorker,
  },
  {
    name: 'mobile-bff',
    team: 'Mobile',
    description: 'GraphQL backend-for-frontend that the iOS and Android apps talk to; fans out to the internal APIs.',
    tags: ['tier:1', 'mobile', 'graphql', 'node'],
    runbookUrl: runbookUrl('Mobile', 'mobile-bff'),
    runbookMarkdown: RUNBOOKS.mobileBff,
  },
  {
    name: 'push-notifications',
    team: 'Mobile',
    description: 'Sends push notifications through APNs (iOS) and FCM (Android) from a Kafka topic.',
    tags: ['tier:2', 'mobile', 'apns', 'fcm', 'kafka'],
    runbookUrl: runbookUrl('Mobile', 'push-notifications'),
    runbookMarkdown: RUNBOOKS.pushNotifications,
  },
];
