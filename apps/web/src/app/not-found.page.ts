import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="card not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address.</p>
      <p><a routerLink="/">Join a call</a> or <a routerLink="/recordings.html">browse all recordings</a>.</p>
    </section>
  `,
  styles: `
    .not-found {
      max-width: 32rem;
      margin: 2rem auto;
    }
  `,
})
export class NotFoundPage {}
