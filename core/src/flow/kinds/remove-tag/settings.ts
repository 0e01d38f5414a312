import { nodeSchemaOf } from '../../node-shape';
import { tagSettings } from '../tag-settings';

export const RemoveTagSchema = nodeSchemaOf('remove_tag', tagSettings);
