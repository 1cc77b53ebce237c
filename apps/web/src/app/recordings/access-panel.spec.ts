import { SessionResponse } from '@recording/contracts';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { settle } from '../testing/recordings';
import { AccessPanel } from './access-panel';

describe('AccessPanel', () => {
  let fixture: ComponentFixture<AccessPanel>;
  let http: HttpTestingController;
  let changes: number;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [AccessPanel], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    changes = 0;
  });
  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = () => element().textContent!.replace(/\s+/g, ' ');
  const button = (label: string) => [...element().querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };

  async function create(session: SessionResponse): Promise<void> {
    fixture = TestBed.createComponent(AccessPanel);
    fixture.componentInstance.changed.subscribe(() => changes++);
    fixture.detectChanges();
    http.expectOne('/auth/session').flush(session);
    await render();
  }

  it('says which rooms this browser joined', async () => {
    await create({ mode: 'room', operator: false, rooms: ['Beta', 'Alpha'], operatorSignIn: false });
    expect(text()).toContain('Showing the recordings of the 2 rooms this browser joined: Beta, Alpha.');
    expect(element().querySelector('input[type=password]')).toBeNull();
  });

  it('says how to see recordings when this browser joined no room', async () => {
    await create({ mode: 'room', operator: false, rooms: [], operatorSignIn: false });
    expect(text()).toContain('This browser has not joined a room yet');
  });

  it('says everything is shown when the server runs open, and offers no sign-in', async () => {
    await create({ mode: 'open', operator: false, rooms: [], operatorSignIn: true });
    expect(text()).toContain('Access control is off');
    expect(element().querySelector('form')).toBeNull();
  });

  it('signs in as operator with the secret, then tells the page to reload', async () => {
    await create({ mode: 'room', operator: false, rooms: ['Alpha'], operatorSignIn: true });
    // Folded away: most people who open the page are participants, not operators.
    expect(element().querySelector('details')?.open).toBe(false);
    const input = element().querySelector<HTMLInputElement>('input[type=password]')!;
    expect(input.autocomplete).toBe('current-password');
    input.value = 'operator-secret-0123';
    input.dispatchEvent(new Event('input'));
    element().querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    expect(button('Signing in…')?.disabled).toBe(true);
    const signIn = http.expectOne('/auth/operator');
    expect(signIn.request.body).toEqual({ secret: 'operator-secret-0123' });
    signIn.flush({ token: 'operator-token', expiresAt: 1 });
    await settle();
    http.expectOne('/auth/session').flush({ mode: 'room', operator: true, rooms: ['Alpha'], operatorSignIn: true });
    await render();
    expect(text()).toContain('Signed in as operator: the recordings of every room.');
    expect(changes).toBe(1);
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('operator-token');
  });

  it("shows the API's answer to a wrong secret next to the field", async () => {
    await create({ mode: 'room', operator: false, rooms: [], operatorSignIn: true });
    const input = element().querySelector<HTMLInputElement>('input[type=password]')!;
    input.value = 'wrong';
    input.dispatchEvent(new Event('input'));
    element().querySelector('form')!.dispatchEvent(new Event('submit'));
    http.expectOne('/auth/operator').flush({ errorMessage: 'Wrong operator secret' }, { status: 401, statusText: 'Unauthorized' });
    await render();
    expect(element().querySelector('[role=alert]')?.textContent).toContain('Wrong operator secret');
    expect(element().querySelector('details')?.open).toBe(true);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(changes).toBe(0);
  });

  it('asks for the secret before sending anything', async () => {
    await create({ mode: 'room', operator: false, rooms: [], operatorSignIn: true });
    element().querySelector('form')!.dispatchEvent(new Event('submit'));
    await render();
    expect(text()).toContain('Enter the operator secret.');
  });

  it('signs out', async () => {
    await create({ mode: 'room', operator: true, rooms: [], operatorSignIn: true });
    expect(text()).toContain('Signing out also makes this browser forget the rooms it joined.');
    button('Sign out')!.click();
    http.expectOne('/auth/logout').flush({ message: 'Signed out' });
    await settle();
    http.expectOne('/auth/session').flush({ mode: 'room', operator: false, rooms: [], operatorSignIn: true });
    await render();
    expect(text()).toContain('This browser has not joined a room yet');
    expect(changes).toBe(1);
  });
});
