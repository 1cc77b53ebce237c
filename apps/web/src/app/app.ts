import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { injectBarePage } from './core/page-chrome';
import { APP_NAME } from './core/title-strategy';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly appName = APP_NAME;
  /** The recording template is captured as it is drawn: no header, no margins. */
  protected readonly bare = injectBarePage();
}
