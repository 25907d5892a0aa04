/**
 * Real neighbourhoods of real cities, with their centres, ZIP codes and
 * streets, so that seeded households cluster where canvassers really walk.
 */
export type Neighborhood = {
  name: string;
  center: [lat: number, lng: number];
  /** Radius in metres within which households are spread. */
  radius: number;
  postalCode: string;
  streets: string[];
};

export type City = { city: string; county: string; state: string; stateCode: string; neighborhoods: Neighborhood[] };

export const BOSTON: City = {
  city: 'Boston',
  county: 'Suffolk County',
  state: 'Massachusetts',
  stateCode: 'MA',
  neighborhoods: [
    {
      name: 'Jamaica Plain',
      center: [42.3097, -71.1151],
      radius: 900,
      postalCode: '02130',
      streets: ['Centre Street', 'South Street', 'Green Street', 'Lamartine Street', 'Boylston Street', 'Sedgwick Street', 'Forest Hills Street'],
    },
    {
      name: 'Dorchester',
      center: [42.3016, -71.0676],
      radius: 1100,
      postalCode: '02124',
      streets: ['Dorchester Avenue', 'Adams Street', 'Geneva Avenue', 'Bowdoin Street', 'Washington Street', 'Codman Hill Avenue'],
    },
    {
      name: 'South Boston',
      center: [42.3355, -71.045],
      radius: 800,
      postalCode: '02127',
      streets: ['East Broadway', 'West Broadway', 'L Street', 'Dorchester Street', 'East Fourth Street', 'G Street'],
    },
    {
      name: 'Roslindale',
      center: [42.2832, -71.127],
      radius: 800,
      postalCode: '02131',
      streets: ['Belgrade Avenue', 'Washington Street', 'Poplar Street', 'Ashland Street', 'Kittredge Street'],
    },
  ],
};

export const PHILADELPHIA: City = {
  city: 'Philadelphia',
  county: 'Philadelphia County',
  state: 'Pennsylvania',
  stateCode: 'PA',
  neighborhoods: [
    {
      name: 'Fishtown',
      center: [39.9713, -75.134],
      radius: 700,
      postalCode: '19125',
      streets: ['Frankford Avenue', 'East Girard Avenue', 'Palmer Street', 'East Columbia Avenue', 'Thompson Street', 'East Norris Street'],
    },
    {
      name: 'East Passyunk',
      center: [39.929, -75.164],
      radius: 700,
      postalCode: '19148',
      streets: ['East Passyunk Avenue', 'Tasker Street', 'Morris Street', 'South 10th Street', 'Moore Street', 'Mifflin Street'],
    },
    {
      name: 'Cedar Park',
      center: [39.948, -75.219],
      radius: 600,
      postalCode: '19143',
      streets: ['Baltimore Avenue', 'Cedar Avenue', 'South 48th Street', 'Catharine Street', 'Larchwood Avenue'],
    },
    {
      name: 'Germantown',
      center: [40.037, -75.173],
      radius: 1000,
      postalCode: '19144',
      streets: ['Germantown Avenue', 'West Chelten Avenue', 'Wayne Avenue', 'West School House Lane', 'Greene Street'],
    },
  ],
};

export const DENVER: City = {
  city: 'Denver',
  county: 'Denver County',
  state: 'Colorado',
  stateCode: 'CO',
  neighborhoods: [
    {
      name: 'Highland',
      center: [39.762, -105.011],
      radius: 800,
      postalCode: '80211',
      streets: ['West 32nd Avenue', 'Tejon Street', 'Zuni Street', 'Clay Street', 'West 35th Avenue'],
    },
    {
      name: 'Capitol Hill',
      center: [39.731, -104.979],
      radius: 700,
      postalCode: '80203',
      streets: ['East Colfax Avenue', 'Logan Street', 'Pennsylvania Street', 'Grant Street', 'East 13th Avenue'],
    },
  ],
};

export const UNAVAILABLE_REASONS: [reason: string, weight: number][] = [
  ['Not home', 60],
  ['Refused to open the door', 12],
  ['Moved', 8],
  ['Language barrier', 6],
  ['Inaccessible building', 6],
  ['Come back later', 6],
  ['Deceased', 2],
];
