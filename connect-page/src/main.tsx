// Entry point: the token is taken from the URL before anything renders, then the page starts.
import { render } from 'preact';
import { App } from './app';
import { takeLinkToken } from './link-token';
import './styles.css';

const token = takeLinkToken();
render(<App token={token} />, document.getElementById('app')!);
