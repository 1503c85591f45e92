/** Defines the tags, then mounts the Svelte app. */
import 'rtc-elements/define';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
